package org.estate.cmdb.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.estate.cmdb.GraphView;

/**
 * Lays out a CI's neighbourhood for an inline SVG drawn on the server (it works without
 * JavaScript): one column per signed distance, what relies on the CI to the left, what it relies
 * on to the right.
 */
record GraphPicture(int width, int height, List<Box> boxes, List<Line> lines) {

    static final int BOX_W = 190;
    static final int BOX_H = 40;
    static final int COL_GAP = 70;
    static final int ROW_GAP = 14;
    static final int PAD = 10;

    record Box(long id, int x, int y, String label, String ciClass, boolean centre, String fullName) {
        public int textX() {
            return x + 8;
        }

        public int labelY() {
            return y + 17;
        }

        public int classY() {
            return y + 32;
        }
    }

    record Line(int x1, int y1, int x2, int y2, String type) {
    }

    static GraphPicture of(GraphView view) {
        TreeMap<Integer, List<GraphView.Node>> columns = new TreeMap<>();
        for (GraphView.Node n : view.nodes()) {
            columns.computeIfAbsent(n.distance(), k -> new ArrayList<>()).add(n);
        }
        int maxRows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int height = PAD * 2 + maxRows * (BOX_H + ROW_GAP) - ROW_GAP;
        Map<Long, Box> boxes = new HashMap<>();
        List<Box> ordered = new ArrayList<>();
        int col = 0;
        for (var entry : columns.entrySet()) {
            List<GraphView.Node> nodes = entry.getValue();
            int columnHeight = nodes.size() * (BOX_H + ROW_GAP) - ROW_GAP;
            int y = PAD + (height - 2 * PAD - columnHeight) / 2;
            int x = PAD + col * (BOX_W + COL_GAP);
            for (GraphView.Node n : nodes) {
                Box b = new Box(n.id(), x, y, shorten(n.name()), n.ciClass(), n.id() == view.centre(), n.name());
                boxes.put(n.id(), b);
                ordered.add(b);
                y += BOX_H + ROW_GAP;
            }
            col++;
        }
        int width = PAD * 2 + Math.max(1, columns.size()) * (BOX_W + COL_GAP) - COL_GAP;
        List<Line> lines = new ArrayList<>();
        for (GraphView.Edge e : view.edges()) {
            Box s = boxes.get(e.source());
            Box t = boxes.get(e.target());
            if (s == null || t == null) {
                continue;
            }
            if (s.x() == t.x()) {
                boolean down = t.y() > s.y();
                lines.add(new Line(s.x() + BOX_W / 2, down ? s.y() + BOX_H : s.y(), t.x() + BOX_W / 2, down ? t.y() : t.y() + BOX_H, e.type()));
            } else {
                boolean right = t.x() > s.x();
                lines.add(new Line(right ? s.x() + BOX_W : s.x(), s.y() + BOX_H / 2, right ? t.x() : t.x() + BOX_W,
                    t.y() + BOX_H / 2, e.type()));
            }
        }
        return new GraphPicture(width, height, ordered, lines);
    }

    private static String shorten(String name) {
        return name.length() <= 26 ? name : name.substring(0, 25) + "…";
    }
}
