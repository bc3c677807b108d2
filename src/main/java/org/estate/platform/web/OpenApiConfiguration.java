package org.estate.platform.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document at {@code /api/openapi.json} (browsable at {@code /api/docs}): Estate's title
 * and version, the two ways to authenticate (an API token as a Bearer token, or HTTP Basic with a
 * username and password), and, for every operation, the error answers it can give, each an RFC 9457
 * problem details document. Operation summaries and parameter descriptions come from the
 * controllers' {@code @Operation} annotations and Javadoc ({@code @param}); operation ids are the
 * controller methods' names, which are unique.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The error answers, with what each means in Estate. */
    private static final Map<String, String> ERRORS = errors();

    private static Map<String, String> errors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("400", "The request is malformed: a parameter of the wrong type, unreadable JSON, or a malformed upload");
        m.put("401", "Not signed in: send an API token (Bearer) or a username and password (Basic)");
        m.put("403", "Your role does not allow this");
        m.put("404", "No such record");
        m.put("409", "The request conflicts with the current state (a duplicate, or a rule such as the last admin)");
        m.put("412", "If-Match does not name the current ETag (someone else changed it), or is weak or malformed");
        m.put("413", "The body or file is larger than allowed");
        m.put("415", "The Content-Type is not one this operation takes (the answer's Accept header names them)");
        m.put("422", "A value is invalid or out of range: `errors` lists each field (or row and column) and why");
        m.put("428", "If-Match is required: send the ETag you last read");
        m.put("501", "Not available in this installation");
        m.put("503", "The database cannot be reached; try again shortly");
        return m;
    }

    @Bean
    OpenAPI estateOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties b = build.getIfAvailable();
        String version = b == null ? "development" : b.getVersion();
        return new OpenAPI()
            .info(new Info().title("Estate API").version(version)
                .description("The REST API of Estate, the operations hub for a council's infrastructure team. "
                    + "Everything a page does, the API does too. Authenticate with an API token "
                    + "(Authorization: Bearer, made on the API tokens page) or HTTP Basic. Lists answer "
                    + "{\"items\",\"page\",\"size\",\"total\"}; errors are problem details (RFC 9457); updates "
                    + "take the ETag you read in If-Match.")
                .license(new License().name("Apache License 2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
            .components(new Components()
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .description("An API token (Account → API tokens, or POST /api/v1/tokens)"))
                .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("Your username and password (local or directory account)")))
            .addSecurityItem(new SecurityRequirement().addList("bearer"))
            .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> error = new ObjectSchema()
            .addProperty("field", new StringSchema().description("The field, parameter or column at fault"))
            .addProperty("row", new IntegerSchema().description("Imports: the row as Excel numbers it (the header is row 1)"))
            .addProperty("column", new StringSchema().description("Imports: the column"))
            .addProperty("message", new StringSchema().description("What is wrong and what would be accepted"));
        return new ObjectSchema().description("RFC 9457 problem details")
            .addProperty("type", new StringSchema().example("about:blank"))
            .addProperty("title", new StringSchema())
            .addProperty("status", new IntegerSchema())
            .addProperty("detail", new StringSchema())
            .addProperty("instance", new StringSchema())
            .addProperty("errors", new ArraySchema().items(error));
    }

    /**
     * Per operation: a request body for handlers that read the raw request (the CSV and JSON imports
     * declare what they consume), and the problem-details error answers that apply to it.
     */
    @Bean
    GlobalOperationCustomizer estateOperations() {
        return (operation, handler) -> {
            boolean readsRawBody = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> HttpServletRequest.class.isAssignableFrom(p.getParameterType()));
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (readsRawBody && operation.getRequestBody() == null && mapping != null && mapping.consumes().length > 0) {
                Content content = new Content();
                for (String type : mapping.consumes()) {
                    content.addMediaType(type, new MediaType().schema(
                        type.contains("json") ? new ObjectSchema() : new StringSchema().format("binary")));
                }
                operation.setRequestBody(new RequestBody().required(true).content(content)
                    .description(type(mapping.consumes()) + " file; at most ESTATE_IMPORTS_MAX_FILE_SIZE (50 MB by default)"));
            }
            describeFromJavadoc(operation, handler);
            return operation;
        };
    }

    /**
     * Each parameter without a description takes the {@code @param} line of the controller method's
     * Javadoc (kept in the jar by therapi's annotation processor), matched through the name the
     * request uses ({@code @RequestParam(name = "class") String ciClass} → {@code class}).
     */
    private static void describeFromJavadoc(Operation operation, org.springframework.web.method.HandlerMethod handler) {
        if (operation.getParameters() == null || operation.getParameters().isEmpty()) {
            return;
        }
        var javadoc = com.github.therapi.runtimejavadoc.RuntimeJavadoc.getJavadoc(handler.getMethod());
        if (javadoc == null || javadoc.getParams().isEmpty()) {
            return;
        }
        var format = new com.github.therapi.runtimejavadoc.CommentFormatter();
        Map<String, String> byJavaName = new java.util.HashMap<>();
        javadoc.getParams().forEach(p -> byJavaName.put(p.getName(), format.format(p.getComment()).trim()));
        for (var parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            String javaName = parameter.getParameterName();
            String description = javaName == null ? null : byJavaName.get(javaName);
            if (description == null || description.isBlank()) {
                continue;
            }
            String requestName = requestName(parameter, javaName);
            operation.getParameters().stream()
                .filter(p -> p.getName().equals(requestName) && (p.getDescription() == null || p.getDescription().isBlank()))
                .forEach(p -> p.setDescription(description));
        }
    }

    private static String requestName(org.springframework.core.MethodParameter parameter, String javaName) {
        var query = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (query != null && !(query.name().isEmpty() && query.value().isEmpty())) {
            return query.name().isEmpty() ? query.value() : query.name();
        }
        var header = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        if (header != null && !(header.name().isEmpty() && header.value().isEmpty())) {
            return header.name().isEmpty() ? header.value() : header.name();
        }
        var path = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        if (path != null && !(path.name().isEmpty() && path.value().isEmpty())) {
            return path.name().isEmpty() ? path.value() : path.name();
        }
        return javaName;
    }

    private static String type(String[] consumes) {
        return consumes[0].contains("csv") ? "A CSV" : consumes[0].contains("json") ? "A JSON" : "The";
    }

    /** The error answers each operation can give, decided from its method, path, parameters and body. */
    @Bean
    GlobalOpenApiCustomizer estateErrorAnswers() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            // Here, not only on the bean: springdoc drops schemas nothing referred to before this ran.
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                addErrors(path, method, operation);
                describeCommonParameters(path, operation);
            }));
            nameRepeatedOperations(api);
        };
    }

    /**
     * Parameters every list or record shares (paging, sorting, If-Match, the record's id, key or
     * reference) are described once here; the rest by the controllers' Javadoc {@code @param}.
     */
    static void describeCommonParameters(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (var p : operation.getParameters()) {
            if (p.getDescription() != null && !p.getDescription().isBlank()) {
                continue;
            }
            String owner = owner(path, p.getName());
            String d = switch (p.getName()) {
                case "page" -> "The page to answer, from 0 (default 0)";
                case "size" -> "Items per page, 1 to 500 (default 50; more is answered as 500)";
                case "sort" -> "The field to sort on, ascending; -field for descending (case-insensitive); 422 for a field that cannot be sorted on";
                case "q" -> "Text to look for, case-insensitive";
                case "If-Match" -> "The ETag you last read, exactly as the ETag header gave it (\"7\"); a weak tag is refused (412)";
                case "id" -> owner == null ? "The record's id" : "The " + owner + "'s id";
                case "key" -> owner == null ? "The record's key" : "The " + owner + "'s key";
                case "ref" -> "The " + (owner == null ? "ticket" : owner) + "'s reference, e.g. INC-000123 (or the bare number)";
                case "username" -> "The user's username";
                default -> null;
            };
            p.setDescription(d);
        }
    }

    /** The resource a path variable belongs to: {@code /api/v1/sla-policies/{key}} → "SLA policy". */
    private static String owner(String path, String variable) {
        String[] segments = path.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + variable + "}")) {
                StringBuilder noun = new StringBuilder(segments[i - 1].replace('-', ' '));
                singular(noun);
                String n = noun.toString();
                return switch (n) {
                    case "ci" -> "CI";
                    case "sla policy" -> "SLA policy";
                    case "ci classe", "ci class" -> "CI class";
                    default -> n;
                };
            }
        }
        return null;
    }

    /**
     * An operation's id is its controller method's name. Where several controllers use one name
     * ({@code get}, {@code list}), springdoc would number them ({@code get_1}); instead each takes
     * the name with the resource it acts on: {@code getTeam}, {@code listTeams}, {@code timelineIncidentUpdates}.
     */
    static void nameRepeatedOperations(OpenAPI api) {
        Map<String, Integer> uses = new java.util.HashMap<>();
        api.getPaths().values().forEach(item -> item.readOperations()
            .forEach(o -> uses.merge(baseName(o.getOperationId()), 1, Integer::sum)));
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(o -> {
            String base = baseName(o.getOperationId());
            if (base != null && uses.get(base) > 1) {
                o.setOperationId(base + resource(path, base));
            }
        }));
    }

    private static String baseName(String operationId) {
        return operationId == null ? null : operationId.replaceFirst("_\\d+$", "");
    }

    /** {@code /api/v1/teams/{key}} → Team; {@code /api/v1/teams} → Teams; {@code /api/v1/incidents/{ref}/updates} → IncidentUpdates. */
    static String resource(String path, String verb) {
        String[] segments = path.replaceFirst("^/api/v\\d+/?", "").split("/");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.startsWith("{") || s.equalsIgnoreCase(verb)) {
                continue;
            }
            boolean one = i + 1 < segments.length && segments[i + 1].startsWith("{");
            for (String word : s.split("-")) {
                if (!word.isEmpty()) {
                    name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
            if (one) {
                singular(name);
            }
        }
        return name.toString();
    }

    private static void singular(StringBuilder name) {
        int n = name.length();
        if (n > 4 && name.substring(n - 4).equals("sses")) {
            name.setLength(n - 2);
        } else if (n > 3 && name.substring(n - 3).equals("ies")) {
            name.replace(n - 3, n, "y");
        } else if (n > 2 && name.charAt(n - 1) == 's' && name.charAt(n - 2) != 's') {
            name.setLength(n - 1);
        }
    }

    private static void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean params = operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean ifMatch = params && operation.getParameters().stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        List<String> codes = new java.util.ArrayList<>(List.of("401", "403"));
        if (body || params) {
            codes.add("400");
            codes.add("422");
        }
        if (path.contains("{")) {
            codes.add("404");
        }
        if (write) {
            codes.add("409");
        }
        if (ifMatch) {
            codes.add("412");
            codes.add("428");
        }
        if (body) {
            codes.add("413");
            codes.add("415");
        }
        codes.add("503");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (String code : ERRORS.keySet()) {
            if (!codes.contains(code) && !responses.containsKey(code)) {
                continue;
            }
            ApiResponse answer = responses.get(code) == null ? new ApiResponse() : responses.get(code);
            if (answer.getDescription() == null || answer.getDescription().isBlank()) {
                answer.setDescription(ERRORS.get(code));
            }
            answer.setContent(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            responses.addApiResponse(code, answer);
        }
        operation.setResponses(responses);
    }
}
