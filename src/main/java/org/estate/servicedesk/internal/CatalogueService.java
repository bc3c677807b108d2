package org.estate.servicedesk.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.estate.platform.NotFoundException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.CatalogueItem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The request catalogue and the checking of a request's answers against its item's fields. */
@Service
public class CatalogueService {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogueService(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static final String SELECT = "SELECT item_key, name, description, category, fields, approval_required, team_key, policy_key, version FROM sd_catalogue_item";

    @Transactional(readOnly = true)
    public List<CatalogueItem> list() {
        return jdbc.sql(SELECT + " WHERE active = TRUE ORDER BY sort_order, name").query((rs, n) -> item(rs)).list();
    }

    @Transactional(readOnly = true)
    public Optional<CatalogueItem> find(String key) {
        return key == null ? Optional.empty() : jdbc.sql(SELECT + " WHERE item_key = ? AND active = TRUE").param(key).query((rs, n) -> item(rs)).optional();
    }

    public CatalogueItem get(String key) {
        return find(key).orElseThrow(() -> new NotFoundException("No catalogue item '" + key + "'"));
    }

    private CatalogueItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<CatalogueItem.Field> fields = json.readValue(rs.getString("fields"), new TypeReference<List<CatalogueItem.Field>>() { });
        return new CatalogueItem(rs.getString("item_key"), rs.getString("name"), rs.getString("description"), rs.getString("category"),
            fields, rs.getBoolean("approval_required"), rs.getString("team_key"), rs.getString("policy_key"), rs.getLong("version"));
    }

    /**
     * Checks answers against the item's fields and returns them in canonical form (numbers as
     * numbers, booleans as booleans, dates as ISO strings), in the fields' order.
     */
    public Map<String, Object> check(CatalogueItem item, Map<String, Object> answers, List<FieldError> errors) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> known = new ArrayList<>();
        for (CatalogueItem.Field f : item.fields()) {
            known.add(f.key());
            Object v = given.get(f.key());
            String field = "answers." + f.key();
            if (v == null || (v instanceof String s && s.isBlank())) {
                if (f.required() && !"boolean".equals(f.type())) {
                    errors.add(new FieldError(field, "Enter " + f.label().toLowerCase(java.util.Locale.ROOT)));
                }
                continue;
            }
            String text = v.toString().trim();
            switch (f.type()) {
                case "number" -> {
                    try {
                        BigDecimal n = v instanceof Number num ? new BigDecimal(num.toString()) : new BigDecimal(text);
                        out.put(f.key(), n.stripTrailingZeros().scale() <= 0 ? n.longValueExact() : n);
                    } catch (NumberFormatException | ArithmeticException e) {
                        errors.add(new FieldError(field, f.label() + " must be a number"));
                    }
                }
                case "boolean" -> {
                    if (v instanceof Boolean b) {
                        out.put(f.key(), b);
                    } else if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes")) {
                        out.put(f.key(), true);
                    } else if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("no")) {
                        out.put(f.key(), false);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be yes or no"));
                    }
                }
                case "date" -> {
                    try {
                        out.put(f.key(), LocalDate.parse(text).toString());
                    } catch (DateTimeParseException e) {
                        errors.add(new FieldError(field, f.label() + " must be a date (yyyy-mm-dd)"));
                    }
                }
                case "email" -> {
                    if (TicketService.EMAIL.matcher(text).matches()) {
                        out.put(f.key(), text);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be an email address"));
                    }
                }
                case "enum" -> {
                    if (f.options() != null && f.options().contains(text)) {
                        out.put(f.key(), text);
                    } else {
                        errors.add(new FieldError(field, f.label() + " must be one of " + f.options()));
                    }
                }
                default -> {
                    if (text.length() > 4000) {
                        errors.add(new FieldError(field, f.label() + " must be 4000 characters or fewer"));
                    } else {
                        out.put(f.key(), text);
                    }
                }
            }
        }
        for (String k : given.keySet()) {
            if (!known.contains(k)) {
                errors.add(new FieldError("answers." + k, "'" + k + "' is not a field of " + item.name() + "; its fields are " + known));
            }
        }
        return out;
    }
}
