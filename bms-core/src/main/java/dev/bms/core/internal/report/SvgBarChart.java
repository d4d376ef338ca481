package dev.bms.core.internal.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A vertical bar chart as inline SVG (no scripts, no external resources): one {@code rect} of class
 * {@code bar} per value with a {@code title} tooltip, value labels, category labels, and an
 * optional dashed target line.
 */
final class SvgBarChart {
  private static final int WIDTH = 720;
  private static final int HEIGHT = 260;
  private static final int LEFT = 48;
  private static final int BOTTOM = 40;
  private static final int TOP = 20;

  /** One bar: its category label, value, label drawn above it, CSS class (pass, fail...) and tooltip. */
  record Bar(String label, double value, String valueLabel, String cssClass, String tooltip) {
  }

  private SvgBarChart() {
  }

  static String render(String id, String title, List<Bar> bars, double max, Optional<Double> target, String targetLabel) {
    double top = max <= 0 ? 1 : max;
    int plotHeight = HEIGHT - BOTTOM - TOP;
    int plotWidth = WIDTH - LEFT - 10;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Xml.escape(id)).append("\" class=\"chart\" ")
        .append("role=\"img\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\">");
    sb.append("<title>").append(Xml.escape(title)).append("</title>");
    sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP + plotHeight)
        .append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"").append(TOP + plotHeight).append("\"/>");
    if (bars.isEmpty()) {
      sb.append("<text class=\"empty\" x=\"").append(WIDTH / 2).append("\" y=\"").append(HEIGHT / 2)
          .append("\" text-anchor=\"middle\">no data</text>");
    }
    double slot = bars.isEmpty() ? plotWidth : (double) plotWidth / bars.size();
    double barWidth = Math.max(1, slot * 0.7);
    boolean labelEvery = bars.size() <= 40;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double h = Math.max(0, Math.min(1, b.value() / top)) * plotHeight;
      double x = LEFT + i * slot + (slot - barWidth) / 2;
      double y = TOP + plotHeight - h;
      sb.append("<rect class=\"bar ").append(Xml.escape(b.cssClass())).append("\" x=\"").append(num(x))
          .append("\" y=\"").append(num(y)).append("\" width=\"").append(num(barWidth)).append("\" height=\"")
          .append(num(h)).append("\"><title>").append(Xml.escape(b.tooltip())).append("</title></rect>");
      if (labelEvery) {
        sb.append("<text class=\"value\" x=\"").append(num(x + barWidth / 2)).append("\" y=\"").append(num(y - 4))
            .append("\" text-anchor=\"middle\">").append(Xml.escape(b.valueLabel())).append("</text>");
        sb.append("<text class=\"category\" x=\"").append(num(x + barWidth / 2)).append("\" y=\"")
            .append(TOP + plotHeight + 16).append("\" text-anchor=\"middle\">").append(Xml.escape(b.label()))
            .append("</text>");
      }
    }
    target.ifPresent(t -> {
      double y = TOP + plotHeight - Math.max(0, Math.min(1, t / top)) * plotHeight;
      sb.append("<line class=\"target\" x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
          .append(WIDTH - 10).append("\" y2=\"").append(num(y)).append("\"/>");
      sb.append("<text class=\"target-label\" x=\"").append(LEFT + 2).append("\" y=\"").append(num(y - 3)).append("\">")
          .append(Xml.escape(targetLabel)).append("</text>");
    });
    sb.append("</svg>");
    return sb.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
