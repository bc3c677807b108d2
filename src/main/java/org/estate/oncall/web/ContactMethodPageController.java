package org.estate.oncall.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.oncall.internal.ContactMethodService;
import org.estate.oncall.internal.ContactMethodService.ContactsInput;
import org.estate.oncall.internal.ContactMethodService.ContactsView;
import org.estate.oncall.internal.ContactMethodService.MethodInput;
import org.estate.oncall.internal.ContactMethodService.MethodView;
import org.estate.oncall.internal.ContactMethodService.RuleInput;
import org.estate.oncall.internal.ContactMethodService.RuleView;
import org.estate.platform.AccountPageLink;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My contact methods" ({@code /account/contact-methods}): the signed-in person's own methods and
 * rules, one form for both. Blank rows are left out. The form carries the version it was drawn
 * from, so a form gone stale (someone else, an admin, saved meanwhile) is refused and the page shows
 * what is saved now rather than overwriting it. Webhook URLs are shown masked; a row left masked
 * keeps its URL.
 */
@Controller
class ContactMethodPageController {

    /** Empty rows offered beyond the saved ones. */
    static final int SPARE_ROWS = 2;

    private final ContactMethodService contacts;

    ContactMethodPageController(ContactMethodService contacts) {
        this.contacts = contacts;
    }

    /** The link on the person's account page. */
    @Configuration
    static class Link {

        @Bean
        AccountPageLink contactMethodsLink() {
            return new AccountPageLink(100, "My contact methods", "/account/contact-methods",
                "say how a page reaches you when you are on call: email, text message, Teams or Slack.");
        }
    }

    @GetMapping("/account/contact-methods")
    @PreAuthorize("isAuthenticated()")
    String show(Authentication auth, Model model) {
        ContactsView v = contacts.get(auth.getName());
        return page(model, v, values(v), Map.of());
    }

    @PostMapping("/account/contact-methods")
    @PreAuthorize("isAuthenticated()")
    String save(@RequestParam Map<String, String> params, Authentication auth, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        Map<String, String> errors = new LinkedHashMap<>();
        List<MethodInput> methods = new ArrayList<>();
        List<Integer> methodRows = new ArrayList<>();
        for (int i = 0; i < ContactMethodService.MAX_METHODS; i++) {
            String type = values.getOrDefault("methods[" + i + "].type", "").strip();
            String address = values.getOrDefault("methods[" + i + "].address", "").strip();
            String id = values.getOrDefault("methods[" + i + "].id", "").strip();
            if (address.isEmpty()) {
                continue; // a blank row, or one cleared to remove its method
            }
            Long idValue = null;
            if (!id.isEmpty()) {
                try {
                    idValue = Long.parseLong(id);
                } catch (NumberFormatException e) {
                    errors.put("methods[" + i + "].address", "This row is damaged: clear it and enter it again");
                    continue;
                }
            }
            if (type.isEmpty()) {
                errors.put("methods[" + i + "].type", "Choose how to reach you at this address");
                continue;
            }
            methods.add(new MethodInput(idValue, type, address));
            methodRows.add(i);
        }
        List<RuleInput> rules = new ArrayList<>();
        List<Integer> ruleRows = new ArrayList<>();
        for (int i = 0; i < ContactMethodService.MAX_RULES; i++) {
            String method = values.getOrDefault("rules[" + i + "].method", "").strip();
            String delay = values.getOrDefault("rules[" + i + "].delayMinutes", "").strip();
            String urgency = values.getOrDefault("rules[" + i + "].urgency", "").strip();
            if (method.isEmpty()) {
                continue; // a blank row, or one set to no method to remove it
            }
            Integer minutes = 0;
            if (!delay.isEmpty()) {
                try {
                    minutes = delay.length() > 6 ? null : Integer.valueOf(delay);
                } catch (NumberFormatException e) {
                    minutes = null;
                }
                if (minutes == null) {
                    errors.put("rules[" + i + "].delayMinutes", "Enter the minutes as a whole number, 0 to " + ContactMethodService.MAX_DELAY_MINUTES);
                    continue;
                }
            }
            rules.add(new RuleInput(method, minutes, urgency));
            ruleRows.add(i);
        }
        Long version;
        try {
            version = Long.valueOf(values.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            version = -1L;
        }
        if (!errors.isEmpty()) {
            // Report the other rows' problems too, at once.
            try {
                contacts.check(auth.getName(), new ContactsInput(methods, rules));
            } catch (ValidationException e) {
                e.errors().forEach(fe -> errors.putIfAbsent(formField(fe.field(), methodRows, ruleRows), fe.message()));
            }
        } else {
            try {
                contacts.replace(auth.getName(), version, new ContactsInput(methods, rules));
                redirect.addFlashAttribute("message", "Your contact methods have been saved.");
                return "redirect:/account/contact-methods";
            } catch (PreconditionFailedException e) {
                // Someone else saved since this form was drawn: show what is saved now, never overwrite it.
                ContactsView now = contacts.get(auth.getName());
                return page(model, now, values(now), Map.of("methods",
                    "Your contact methods were changed by someone else while you had this page open. Here they are as saved now: make your changes again."));
            } catch (ValidationException e) {
                e.errors().forEach(fe -> errors.putIfAbsent(formField(fe.field(), methodRows, ruleRows), fe.message()));
            }
        }
        return page(model, contacts.get(auth.getName()), values, errors);
    }

    /** An API field ({@code methods[1].address}, counting only the rows given) as the form's ({@code methods[3].address}). */
    static String formField(String field, List<Integer> methodRows, List<Integer> ruleRows) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(methods|rules)\\[(\\d+)](.*)$").matcher(field == null ? "" : field);
        if (!m.matches()) {
            return field == null ? "methods" : field;
        }
        List<Integer> rows = m.group(1).equals("methods") ? methodRows : ruleRows;
        int i = Integer.parseInt(m.group(2));
        String suffix = m.group(3).equals(".id") || m.group(3).isEmpty() ? (m.group(1).equals("methods") ? ".address" : ".method") : m.group(3);
        return m.group(1) + "[" + (i < rows.size() ? rows.get(i) : i) + "]" + suffix;
    }

    private static Map<String, String> values(ContactsView v) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < v.methods().size(); i++) {
            MethodView m = v.methods().get(i);
            values.put("methods[" + i + "].id", String.valueOf(m.id()));
            values.put("methods[" + i + "].type", m.type());
            values.put("methods[" + i + "].address", m.address());
        }
        for (int i = 0; i < v.rules().size(); i++) {
            RuleView r = v.rules().get(i);
            values.put("rules[" + i + "].method", r.method());
            values.put("rules[" + i + "].delayMinutes", String.valueOf(r.delayMinutes()));
            values.put("rules[" + i + "].urgency", r.urgency());
        }
        return values;
    }

    private String page(Model model, ContactsView v, Map<String, String> values, Map<String, String> errors) {
        int methodRows = rows(values, "methods", v.methods().size(), ContactMethodService.MAX_METHODS);
        int ruleRows = rows(values, "rules", v.rules().size(), ContactMethodService.MAX_RULES);
        model.addAttribute("saved", v);
        model.addAttribute("version", v.version());
        model.addAttribute("methodRows", java.util.stream.IntStream.range(0, methodRows).boxed().toList());
        model.addAttribute("ruleRows", java.util.stream.IntStream.range(0, ruleRows).boxed().toList());
        model.addAttribute("types", ContactMethodService.TYPES);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        return "oncall/contact-methods";
    }

    /** How many rows to draw: every row with something in it, or saved, plus the spare ones, at most {@code max}. */
    private static int rows(Map<String, String> values, String list, int saved, int max) {
        int last = saved - 1;
        for (String k : values.keySet()) {
            if (k.startsWith(list + "[")) {
                try {
                    int i = Integer.parseInt(k.substring(list.length() + 1, k.indexOf(']')));
                    if (i < max && !values.get(k).isBlank()) {
                        last = Math.max(last, i);
                    }
                } catch (RuntimeException e) {
                    // not a row of ours
                }
            }
        }
        return Math.min(max, last + 1 + SPARE_ROWS);
    }
}
