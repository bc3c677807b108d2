package org.estate.cmdb;

import java.util.List;

/** A CI's relationships both ways: {@code outgoing} (it is the source) and {@code incoming}. */
public record CiRelationships(List<RelatedCi> outgoing, List<RelatedCi> incoming) {
}
