package org.estate.oncall.internal;

import static org.estate.oncall.internal.ImportJson.text;
import static org.estate.oncall.internal.ImportJson.unwrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.estate.identity.Users;
import org.estate.oncall.internal.EscalationPolicyService.PolicyInput;
import org.estate.oncall.internal.RotaFields.RotaInput;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.estate.platform.ValidationException.FieldError;
import org.estate.servicedesk.DeskDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Imports an on-call schedule (and optionally its escalation policy) as exported by PagerDuty
 * ({@code GET /schedules/{id}}, {@code GET /escalation_policies/{id}}) or Opsgenie
 * ({@code GET /v2/schedules/{id}?expand=rotation}, {@code GET /v2/escalations/{id}}). Rotas and the
 * policy are built through {@link RotaService} and {@link EscalationPolicyService}, so every check
 * they make applies; the whole import is one transaction: all or nothing.
 *
 * <p>Each product's JSON is turned into Estate's inputs by {@link PagerDutyImport} and
 * {@link OpsgenieImport}, which say how each product's precedence and escalation delays are carried
 * over (with their sources); users are mapped by {@link ImportPeople}.
 */
@Service
public class RotaImportService {

    public record ImportInput(String format, JsonNode schedule, JsonNode escalation, String key, String policyKey) {
    }

    public record ImportResult(List<String> rotas, String escalationPolicy, List<String> warnings) {
    }

    private final RotaService rotas;
    private final EscalationPolicyService policies;
    private final Users users;
    private final DeskDirectory desk;

    RotaImportService(RotaService rotas, EscalationPolicyService policies, Users users, DeskDirectory desk) {
        this.rotas = rotas;
        this.policies = policies;
        this.users = users;
        this.desk = desk;
    }

    @Transactional
    public ImportResult importSchedule(ImportInput in) {
        String format = in.format() == null ? "" : in.format().strip().toLowerCase(Locale.ROOT);
        if (!format.equals("pagerduty") && !format.equals("opsgenie")) {
            throw new ValidationException("format", "Format must be pagerduty or opsgenie");
        }
        if (in.schedule() == null || !in.schedule().isObject()) {
            throw new ValidationException("schedule", "Give the schedule as the product's API returns it (a JSON object)");
        }
        if (in.escalation() != null && !in.escalation().isNull() && !in.escalation().isObject()) {
            throw new ValidationException("escalation", "Give the escalation policy as the product's API returns it (a JSON object)");
        }
        if (in.key() != null && !in.key().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new ValidationException("key", "Give a key of lower-case letters, digits and hyphens, up to 60 characters");
        }
        if (in.policyKey() != null && !in.policyKey().matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new ValidationException("policyKey", "Give a key of lower-case letters, digits and hyphens, up to 60 characters");
        }
        List<String> warnings = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        ImportPeople people = new ImportPeople(users);
        JsonNode escalation = in.escalation() == null || in.escalation().isNull() ? null : in.escalation();
        List<RotaDraft> drafts;
        PolicyInput policy = null;
        if (format.equals("pagerduty")) {
            PagerDutyImport pagerDuty = new PagerDutyImport(people, warnings, errors);
            JsonNode s = unwrap(in.schedule(), "schedule");
            drafts = pagerDuty.schedule(s, in.key());
            if (escalation != null && errors.isEmpty()) {
                policy = pagerDuty.policy(unwrap(escalation, "escalation_policy"), text(s, "id"), drafts, in.policyKey());
            }
        } else {
            OpsgenieImport opsgenie = new OpsgenieImport(people, desk, warnings, errors);
            JsonNode s = unwrap(in.schedule(), "data");
            drafts = opsgenie.schedule(s, in.key());
            if (escalation != null && errors.isEmpty()) {
                policy = opsgenie.policy(unwrap(escalation, "data"), text(s, "name"), text(s, "id"), drafts, in.policyKey());
            }
        }
        if (!people.unknown.isEmpty()) {
            for (String u : people.unknown) {
                errors.add(new FieldError("users", "No Estate user has the email or user name '" + RotaFields.clip(u) + "'"));
            }
        }
        if (errors.isEmpty() && drafts.isEmpty()) {
            errors.add(new FieldError("schedule", "Nothing in the schedule could be carried over"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        for (RotaDraft d : drafts) {
            if (rotas.find(d.key()).isPresent()) {
                throw new ConflictException("A rota with key '" + d.key() + "' already exists: give another key in \"key\"");
            }
        }
        if (policy != null && policies.find(policy.key()).isPresent()) {
            throw new ConflictException("An escalation policy with key '" + policy.key() + "' already exists: give another key in \"policyKey\"");
        }
        List<String> created = new ArrayList<>();
        for (RotaDraft d : drafts) {
            try {
                created.add(rotas.create(new RotaInput(d.key(), d.name(), d.zone(), d.layers())).key());
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream()
                    .map(f -> new FieldError("rota " + d.key() + " " + f.field(), f.message())).toList());
            }
        }
        String policyKey = null;
        if (policy != null) {
            try {
                policyKey = policies.create(policy).key();
            } catch (ValidationException e) {
                throw new ValidationException(e.errors().stream()
                    .map(f -> new FieldError("escalation policy " + f.field(), f.message())).toList());
            }
        }
        return new ImportResult(created, policyKey, warnings);
    }
}
