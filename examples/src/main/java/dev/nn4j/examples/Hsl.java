package dev.nn4j.examples;

/**
 * RGB to HSL and back (all components in [0, 1], hue as a fraction of a turn), and the
 * complementary colour: the hue turned by 180°, saturation and lightness kept. Written out
 * because the JDK has only HSB ({@link java.awt.Color#RGBtoHSB}), whose saturation and
 * brightness differ from HSL's.
 */
final class Hsl {
    private Hsl() {
    }

    /** {@code {h, s, l}} of {@code {r, g, b}}. */
    static double[] fromRgb(double r, double g, double b) {
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double l = (max + min) / 2;
        double d = max - min;
        if (d == 0) {
            return new double[] {0, 0, l};
        }
        double s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
        double h;
        if (max == r) {
            h = (g - b) / d + (g < b ? 6 : 0);
        } else if (max == g) {
            h = (b - r) / d + 2;
        } else {
            h = (r - g) / d + 4;
        }
        return new double[] {h / 6, s, l};
    }

    /** {@code {r, g, b}} of {@code {h, s, l}}. */
    static double[] toRgb(double h, double s, double l) {
        if (s == 0) {
            return new double[] {l, l, l};
        }
        double q = l < 0.5 ? l * (1 + s) : l + s - l * s;
        double p = 2 * l - q;
        return new double[] {hue(p, q, h + 1.0 / 3), hue(p, q, h), hue(p, q, h - 1.0 / 3)};
    }

    private static double hue(double p, double q, double t) {
        if (t < 0) {
            t += 1;
        }
        if (t > 1) {
            t -= 1;
        }
        if (t < 1.0 / 6) {
            return p + (q - p) * 6 * t;
        }
        if (t < 0.5) {
            return q;
        }
        if (t < 2.0 / 3) {
            return p + (q - p) * (2.0 / 3 - t) * 6;
        }
        return p;
    }

    /** The complementary colour of {@code rgb}: to HSL, hue + 180°, back to RGB. */
    static double[] complement(double[] rgb) {
        double[] hsl = fromRgb(rgb[0], rgb[1], rgb[2]);
        return toRgb((hsl[0] + 0.5) % 1.0, hsl[1], hsl[2]);
    }
}
