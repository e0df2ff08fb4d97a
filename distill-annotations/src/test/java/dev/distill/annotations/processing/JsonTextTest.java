package dev.distill.annotations.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void escapesWhatJsonRequiresAndEverythingOutsideAscii() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00/\"",
                JsonText.string("a\"b\\c\n\t\u0001\u007fé\uD83D\uDE00/"));
    }

    @Test
    void writesDoublesThatReadBackExactlyAndNanAsNull() {
        assertEquals("0.001", JsonText.number(1e-3));
        assertEquals("5.0E-4", JsonText.number(5e-4));
        assertEquals(0.1, Double.parseDouble(JsonText.number(0.1)));
        assertEquals("null", JsonText.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonText.number(Double.POSITIVE_INFINITY));
    }
}
