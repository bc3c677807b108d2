package org.estate.cmdb;

import java.util.List;
import java.util.Map;

/**
 * A CI as a client sends it, not yet validated: dates and attribute values may be strings (from a
 * form or CSV) or JSON values. The service validates every field and reports all problems at once.
 */
public record CiInput(String ciClass, String name, String status, String criticality, String owner, String description,
                      String endOfLife, String endOfSupport, List<String> tags, Map<String, Object> attributes) {
}
