package org.estate.cmdb;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The neighbourhood of a CI for drawing: nodes with their distance from the centre, and the edges between them. */
public record GraphView(long centre, List<Node> nodes, List<Edge> edges) {

    public record Node(long id, @JsonProperty("class") String ciClass, String name, int distance) {
    }

    public record Edge(long source, String type, long target) {
    }
}
