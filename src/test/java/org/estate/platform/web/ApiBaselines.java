package org.estate.platform.web;

import java.util.Map;

import org.estate.test.ApiClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Valid request bodies for the hostile API battery: each hostile value is then the only thing wrong. */
final class ApiBaselines {

    private ApiBaselines() {
    }

    /** A valid body for the operation {@code key} ("METHOD /template"), or one built from its schema. */
    static String of(String key, String i, Map<String, String> fixtures, JsonNode schema) {
        String known = switch (key) {
            case "POST /api/v1/cis" -> "{\"class\":\"server\",\"name\":\"edge-ci-" + i + "\",\"criticality\":\"high\",\"owner\":\"Edge\","
                + "\"description\":\"d\",\"endOfLife\":\"2030-01-01\",\"tags\":[\"edge\"],\"attributes\":{\"cpuCores\":2,\"hostname\":\"h\"}}";
            case "PATCH /api/v1/cis/{id}" -> "{\"description\":\"d\",\"owner\":\"Edge\",\"endOfSupport\":\"2030-01-01\",\"attributes\":{\"cpuCores\":4}}";
            case "POST /api/v1/users" -> "{\"username\":\"edge.u" + i + "\",\"displayName\":\"Edge\",\"email\":\"edge" + i
                + "@example.gov.uk\",\"roles\":[\"viewer\"],\"password\":\"correct-horse-battery-staple\"}";
            case "PATCH /api/v1/users/{username}" -> "{\"displayName\":\"Edge\",\"email\":\"e@example.gov.uk\",\"roles\":[\"viewer\"],\"enabled\":true}";
            case "POST /api/v1/tokens" -> "{\"name\":\"edge\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}";
            case "POST /api/v1/teams" -> "{\"key\":\"edge-t" + i + "\",\"name\":\"Edge team\",\"email\":\"t@example.gov.uk\",\"members\":[]}";
            case "PUT /api/v1/teams/{key}" -> "{\"key\":\"" + fixtures.get("team") + "\",\"name\":\"Edge team\",\"email\":\"t@example.gov.uk\",\"members\":[]}";
            case "PUT /api/v1/sla-policies/{key}" -> "{\"responseMinutes\":60,\"resolutionMinutes\":480,\"warningPercent\":75}";
            case "PUT /api/v1/catalogue/{key}" -> "{\"name\":\"Edge item\",\"description\":\"d\",\"category\":\"Hardware\",\"fields\":[],"
                + "\"approvalRequired\":false,\"active\":true}";
            case "POST /api/v1/calendars" -> calendar("edge-c" + i);
            case "PUT /api/v1/calendars/{key}" -> calendar(fixtures.get("calendar"));
            case "POST /api/v1/requests" -> "{\"item\":\"" + fixtures.get("item") + "\",\"answers\":{}}";
            case "POST /api/v1/incidents/{ref}/updates", "POST /api/v1/requests/{ref}/updates" -> "{\"text\":\"hello\",\"visibility\":\"internal\"}";
            case "POST /api/v1/incidents/{ref}/status", "POST /api/v1/requests/{ref}/status" -> "{\"status\":\"in-progress\",\"note\":\"n\"}";
            case "POST /api/v1/requests/{ref}/approval" -> "{\"decision\":\"approved\",\"note\":\"n\"}";
            case "POST /api/v1/relationships" -> "{\"source\":" + fixtures.get("ci") + ",\"type\":\"depends-on\",\"target\":" + fixtures.get("ci2") + "}";
            case "POST /api/v1/problems" -> "{\"title\":\"Edge problem\",\"description\":\"d\",\"incidents\":[],\"affectedCis\":[" + fixtures.get("ci") + "]}";
            case "POST /api/v1/incidents" -> "{\"title\":\"Edge incident\",\"description\":\"d\",\"impact\":\"low\",\"urgency\":\"low\",\"affectedCis\":["
                + fixtures.get("ci") + "],\"reporter\":{\"name\":\"Pat\",\"email\":\"pat@example.gov.uk\"}}";
            case "PATCH /api/v1/incidents/{ref}", "PATCH /api/v1/requests/{ref}" -> "{\"title\":\"Edge\",\"priority\":\"P4\"}";
            case "PATCH /api/v1/problems/{ref}" -> "{\"title\":\"Edge\",\"description\":\"d\"}";
            case "POST /api/v1/impact" -> "{\"failed\":[" + fixtures.get("ci") + "]}";
            case "POST /api/v1/ci-classes/{key}/attributes" -> "{\"key\":\"edge\",\"label\":\"Edge\",\"type\":\"text\",\"required\":false}";
            case "POST /api/v1/changes" -> change(fixtures.get("ci"));
            case "PATCH /api/v1/changes/{ref}" -> "{\"title\":\"Edge\",\"plannedEnd\":\"2031-01-01T03:00:00Z\"}";
            case "POST /api/v1/changes/{ref}/status" -> "{\"status\":\"implementing\",\"note\":\"n\"}";
            case "POST /api/v1/changes/{ref}/approvals" -> "{\"decision\":\"approved\",\"note\":\"n\"}";
            case "POST /api/v1/change-templates" -> changeTemplate("edge-tpl-" + i);
            default -> null;
        };
        if (known != null) {
            return known;
        }
        if (schema == null || !schema.has("properties")) {
            return null;
        }
        ObjectNode out = ApiClient.JSON.createObjectNode();
        for (var p : schema.get("properties").properties()) {
            String type = p.getValue().path("type").asString("string");
            switch (type) {
                case "integer", "number" -> out.put(p.getKey(), 1);
                case "boolean" -> out.put(p.getKey(), true);
                case "array" -> out.putArray(p.getKey());
                case "object" -> out.putObject(p.getKey());
                default -> out.put(p.getKey(), "edge-" + i);
            }
        }
        return out.toString();
    }

    static String change(String ci) {
        return "{\"type\":\"normal\",\"title\":\"Edge change\",\"description\":\"d\",\"reason\":\"r\",\"affectedCis\":[" + ci
            + "],\"plannedStart\":\"2031-01-01T02:00:00Z\",\"plannedEnd\":\"2031-01-01T03:00:00Z\",\"implementationPlan\":\"i\","
            + "\"backoutPlan\":\"b\",\"testPlan\":\"t\",\"backoutTested\":true,\"supplier\":\"s\",\"public\":false,\"publicNote\":\"n\"}";
    }

    static String changeTemplate(String key) {
        return "{\"key\":\"" + key + "\",\"name\":\"Edge\",\"description\":\"d\",\"implementationPlan\":\"i\",\"backoutPlan\":\"b\","
            + "\"testPlan\":\"t\",\"ciClasses\":[\"server\"],\"maxDurationMinutes\":60}";
    }

    static String calendar(String key) {
        return "{\"key\":\"" + key + "\",\"name\":\"Edge\",\"zone\":\"Europe/London\",\"hours\":{\"MONDAY\":[{\"from\":\"09:00\",\"to\":\"17:00\"}]},"
            + "\"holidays\":[\"2030-01-01\"]}";
    }
}
