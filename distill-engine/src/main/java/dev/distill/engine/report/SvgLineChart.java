package dev.distill.engine.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn as inline SVG, so the report needs no script and no network. One series, x is
 * the epoch, with a marked point (the kept epoch).
 */
final class SvgLineChart {

    private static final int WIDTH = 420;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int BOTTOM = 36;

    private SvgLineChart() {
    }

    /**
     * @param id     element id (tests and links find the chart by it)
     * @param title  chart title
     * @param yLabel y-axis label
     * @param values one value per epoch, epoch 1 first; non-finite values are left out
     * @param marked 1-based epoch to mark, or 0 for none
     * @param color  stroke color
     */
    static String render(String id, String title, String yLabel, List<Double> values, int marked, String color) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg id=\"%s\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                        + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                Html.escape(id), WIDTH, HEIGHT, WIDTH, HEIGHT, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"chart-title\">%s</text>",
                LEFT, Html.escape(title)));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#bbb\"/>",
                LEFT, TOP, plotW, plotH));
        if (min > max) {
            svg.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" class=\"chart-empty\">no data</text></svg>", LEFT + 10, TOP + plotH / 2));
            return svg.toString();
        }
        if (max - min < 1e-12) {
            // A flat series still needs a visible band around it.
            double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
            min -= pad;
            max += pad;
        }
        int n = values.size();
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double v = values.get(i);
            if (!Double.isFinite(v)) {
                continue;
            }
            double x = LEFT + (n == 1 ? plotW / 2.0 : plotW * i / (double) (n - 1));
            double y = TOP + plotH * (1 - (v - min) / (max - min));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            boolean mark = i + 1 == marked;
            dots.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>epoch %d: %s</title></circle>",
                    x, y, mark ? 6 : 3, mark ? "#d62728" : color, i + 1, Html.decimal(v, 4)));
        }
        svg.append(String.format(Locale.ROOT,
                "<polyline class=\"series\" points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>",
                points.toString().trim(), color));
        svg.append(dots);
        svg.append(axisLabel(LEFT - 6, TOP + 4, "end", Html.decimal(max, 3)));
        svg.append(axisLabel(LEFT - 6, TOP + plotH, "end", Html.decimal(min, 3)));
        svg.append(axisLabel(LEFT, HEIGHT - BOTTOM + 16, "start", "1"));
        svg.append(axisLabel(LEFT + plotW, HEIGHT - BOTTOM + 16, "end", Integer.toString(n)));
        svg.append(axisLabel(LEFT + plotW / 2, HEIGHT - 6, "middle", "epoch"));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\" class=\"axis\">%s</text>",
                TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
        svg.append("</svg>");
        return svg.toString();
    }

    private static String axisLabel(int x, int y, String anchor, String text) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" class=\"axis\">%s</text>",
                x, y, anchor, Html.escape(text));
    }
}
