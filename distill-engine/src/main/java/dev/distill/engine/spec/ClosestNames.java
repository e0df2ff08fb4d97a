package dev.distill.engine.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names nearest to a misspelt one, by edit distance, for "did you mean" hints. */
final class ClosestNames {

    private ClosestNames() {
    }

    /** Up to {@code count} of {@code known}, nearest to {@code wanted} first (ties in the order of {@code known}). */
    static List<String> closest(String wanted, Collection<String> known, int count) {
        return known.stream()
                .sorted(Comparator.comparingInt(name -> distance(lower(wanted), lower(name))))
                .limit(count)
                .toList();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
