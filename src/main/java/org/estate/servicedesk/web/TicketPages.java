package org.estate.servicedesk.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.ValidationException;
import org.estate.servicedesk.CatalogueItem;
import org.estate.servicedesk.TicketView;
import org.estate.servicedesk.internal.Actor;
import org.estate.servicedesk.internal.TicketService;
import org.springframework.ui.Model;

/** What the desk and the portal pages share: the request form and the workflow's next steps. */
final class TicketPages {
    private TicketPages() {
    }

    static List<String> nextStatuses(String status) {
        return switch (status) {
            case "new" -> List.of("in-progress", "on-hold", "resolved");
            case "in-progress" -> List.of("on-hold", "resolved");
            case "on-hold" -> List.of("in-progress", "resolved");
            case "resolved" -> List.of("in-progress", "closed");
            default -> List.of();
        };
    }

    static String requestForm(Model model, CatalogueItem item, Map<String, String> values, Map<String, String> errors, String action,
                              boolean onBehalf) {
        model.addAttribute("item", item);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("action", action);
        model.addAttribute("back", action.substring(0, action.lastIndexOf('/')));
        model.addAttribute("onBehalf", onBehalf);
        return "servicedesk/request-form";
    }

    static String raise(TicketService tickets, CatalogueItem item, Map<String, String> params, Actor actor, Model model, String action,
                        String detailBase, boolean onBehalf) {
        Map<String, String> values = new LinkedHashMap<>(params);
        Map<String, Object> answers = new LinkedHashMap<>();
        for (CatalogueItem.Field f : item.fields()) {
            String v = params.get("answer-" + f.key());
            if ("boolean".equals(f.type())) {
                answers.put(f.key(), "true".equals(v));
            } else if (v != null && !v.isBlank()) {
                answers.put(f.key(), v.trim());
            }
        }
        try {
            TicketView t = tickets.openRequest(new TicketService.RequestInput(item.key(), answers,
                onBehalf ? DeskPageController.blank(params.get("requester")) : null), actor);
            return "redirect:" + detailBase + t.ref();
        } catch (ValidationException e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(fe -> errors.putIfAbsent(fe.field().startsWith("answers.") ? "answer-" + fe.field().substring(8) : fe.field(),
                fe.message()));
            return requestForm(model, item, values, errors, action, onBehalf);
        }
    }
}
