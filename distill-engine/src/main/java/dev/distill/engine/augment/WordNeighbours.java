package dev.distill.engine.augment;

import java.util.List;

/** Words used like a given word, for the replacement step of augmentation (Tang et al.'s same-POS words). */
@FunctionalInterface
public interface WordNeighbours {

    /** No neighbours: words are never replaced. */
    WordNeighbours NONE = word -> List.of();

    /**
     * @param word a word of a training text, as split on whitespace
     * @return words used alike, nearest first; empty when there are none (an unknown word, punctuation)
     */
    List<String> of(String word);
}
