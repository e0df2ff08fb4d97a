package dev.distill.runtime.testing;

import java.util.Random;

/**
 * Random texts that stress a tokenizer: ASCII words, accented letters, stacked combining marks,
 * emoji (surrogate pairs, ZWJ sequences, skin tones, flags), right-to-left scripts with bidi
 * controls, CJK, unpaired surrogates, control characters (NUL included), odd white space and random
 * code points from every plane.
 */
public final class RandomTexts {
  private static final String[] WORDS = {"the", "film", "is", "a", "gripping", "dull", "funny",
      "not", "bad", "masterpiece", "boring", "Paris", "naïve", "über", "CAFÉ", "don't", "1999", "$5"};
  private static final String[] PIECES = {
      "e\u0301", "a\u0300\u0301\u0302\u0303\u0304", "Z\u0351\u0352\u0353\u0354\u0355\u0356", // combining
      "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
      "\uD83C\uDDEB\uD83C\uDDF7", "\u2764\uFE0F", "\uD83E\uDD8A", // emoji
      "\u0645\u0631\u062D\u0628\u0627", "\u05E9\u05DC\u05D5\u05DD", "\u202Eevil\u202C", "\u200F", // RTL
      "\u4F60\u597D\u4E16\u754C", "\u3053\u3093\u306B\u3061\u306F", "\uD55C\uAD6D\uC5B4", // CJK
      "\uD800", "\uDFFF", "\uDC00x\uD83D", // unpaired surrogates
      "\u0000", "\u0007", "\u001B[31m", "\uFEFF", "\uFFFD", "\uFFFF", // controls, BOM, non-characters
      "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u2028", "  ", // white space
      "\uD835\uDD73\uD835\uDD8A\uD835\uDD91", "\u00DF\u0130\u0131", "\u1E9E", // math letters, case traps
  };

  private RandomTexts() {}

  /**
   * @param random the source of randomness (seed it for a reproducible text)
   * @param maxPieces at most this many words or pieces
   * @return a text of up to {@code maxPieces} words, pieces and random code points (may be empty)
   */
  public static String next(Random random, int maxPieces) {
    int pieces = random.nextInt(maxPieces + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(4)) {
        case 0, 1 -> text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        case 2 -> text.append(PIECES[random.nextInt(PIECES.length)]);
        default -> text.appendCodePoint(randomCodePoint(random));
      }
    }
    return text.toString();
  }

  /**
   * @param random the source of randomness
   * @param length the length in chars
   * @return a text of exactly {@code length} chars mixing words and pieces
   */
  public static String ofLength(Random random, int length) {
    StringBuilder text = new StringBuilder(length + 64);
    while (text.length() < length) {
      text.append(next(random, 8));
    }
    text.setLength(length); // may split a surrogate pair: one more unpaired surrogate
    return text.toString();
  }

  /** Any code point, surrogates included, weighted towards the BMP where most scripts live. */
  private static int randomCodePoint(Random random) {
    return random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1)
        : random.nextInt(0x10000);
  }
}
