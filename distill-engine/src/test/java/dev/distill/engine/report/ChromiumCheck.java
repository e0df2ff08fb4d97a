package dev.distill.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** What every report page must do in a real browser: load cleanly, draw its charts, show its numbers. */
public final class ChromiumCheck {

    private ChromiumCheck() {
    }

    public static void assertRenders(Path page, Path workDir, String... figures) throws Exception {
        assumeTrue(HeadlessChromium.binary() != null,
                "Chromium is not installed (apt-get install chromium; .ci/run does it): skipping the browser check");
        Files.createDirectories(workDir);
        HeadlessChromium.PageLoad load = HeadlessChromium.load(page, workDir);
        assertEquals(List.of(), load.consoleLines(), "the page logs nothing to the console");
        assertTrue(load.dom().contains("id=\"chart-loss\""), "the loss chart is in the DOM");
        assertTrue(load.dom().contains("id=\"chart-accuracy\""), "the accuracy chart is in the DOM");
        for (String figure : figures) {
            assertTrue(load.dom().contains(figure), "the page shows " + figure);
        }
        BufferedImage shot = ImageIO.read(load.screenshot().toFile());
        assertTrue(countPixels(shot, 0x1f, 0x77, 0xb4) > 200, "the loss curve is drawn (blue pixels)");
        assertTrue(countPixels(shot, 0x2c, 0xa0, 0x2c) > 200, "the accuracy curve is drawn (green pixels)");
    }

    private static int countPixels(BufferedImage image, int r, int g, int b) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - r) < 12 && Math.abs(((rgb >> 8) & 0xff) - g) < 12
                        && Math.abs((rgb & 0xff) - b) < 12) {
                    n++;
                }
            }
        }
        return n;
    }
}
