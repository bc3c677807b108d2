package org.estate.cmdb;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The other end of a relationship, seen from one CI. */
public record RelatedCi(long relationshipId, String type, long id, @JsonProperty("class") String ciClass, String name,
                        String status, String redundancyGroup, Integer minimumUp) {
}
