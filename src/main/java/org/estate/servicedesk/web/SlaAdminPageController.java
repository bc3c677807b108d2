package org.estate.servicedesk.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.platform.BadRequestException;
import org.estate.platform.FormMerge;
import org.estate.platform.NotFoundException;
import org.estate.platform.PreconditionFailedException;
import org.estate.platform.ValidationException;
import org.estate.servicedesk.CalendarView;
import org.estate.servicedesk.SlaPolicyView;
import org.estate.servicedesk.internal.CalendarService;
import org.estate.servicedesk.internal.SlaPolicyService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Managers' pages for SLA policies and business calendars (with the bank-holiday import); teams are in {@link TeamAdminPageController}. */
@Controller
class SlaAdminPageController {

    private final SlaPolicyService policies;
    private final CalendarService calendars;

    private final org.estate.platform.ImportProperties limits;

    SlaAdminPageController(SlaPolicyService policies, CalendarService calendars, org.estate.platform.ImportProperties limits) {
        this.limits = limits;
        this.policies = policies;
        this.calendars = calendars;
    }

    @GetMapping("/admin/sla-policies")
    @PreAuthorize("hasRole('MANAGER')")
    String policies(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                    @RequestParam(required = false) Integer size, Model model) {
        org.estate.platform.Sort order = ListPages.sort(SlaPolicyApiController.SORT, sort, model);
        var result = SlaPolicyApiController.SORT.page(policies.list(), order, org.estate.platform.Paging.lenient(page, size));
        ListPages.model(model, "/admin/sla-policies", order, result);
        Map<String, String> calendarNames = new LinkedHashMap<>();
        calendars.list().forEach(c -> calendarNames.put(c.key(), c.name()));
        model.addAttribute("calendarNames", calendarNames);
        return "servicedesk/admin-policies";
    }

    @GetMapping("/admin/calendars")
    @PreAuthorize("hasRole('MANAGER')")
    String calendarList(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) Integer size, Model model) {
        org.estate.platform.Sort order = ListPages.sort(CalendarApiController.SORT, sort, model);
        ListPages.model(model, "/admin/calendars", order, CalendarApiController.SORT.page(calendars.list(), order,
            org.estate.platform.Paging.lenient(page, size)));
        return "servicedesk/admin-calendars";
    }

    @GetMapping("/admin/sla-policies/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String policy(@PathVariable String key, Model model) {
        SlaPolicyView p = policies.get(key);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", p.name());
        values.put("calendar", p.calendar());
        values.put("responseMinutes", String.valueOf(p.responseMinutes()));
        values.put("resolutionMinutes", String.valueOf(p.resolutionMinutes()));
        values.put("warningPercent", String.valueOf(p.warningPercent()));
        model.addAttribute("originals", FormMerge.originals(POLICY_FIELDS, values));
        return policyForm(model, p, values, Map.of());
    }

    static final List<String> POLICY_FIELDS = List.of("name", "calendar", "responseMinutes", "resolutionMinutes", "warningPercent");

    private static Map<String, String> policyValues(SlaPolicyView p) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", p.name());
        values.put("calendar", p.calendar());
        values.put("responseMinutes", String.valueOf(p.responseMinutes()));
        values.put("resolutionMinutes", String.valueOf(p.resolutionMinutes()));
        values.put("warningPercent", String.valueOf(p.warningPercent()));
        return values;
    }

    private String policyForm(Model model, SlaPolicyView p, Map<String, String> values, Map<String, String> errors) {
        model.addAttribute("p", p);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("calendars", calendars.list());
        return "servicedesk/admin-policy";
    }

    /** Saves the fields the manager changed, merged three ways with any change saved meanwhile ({@link FormMerge}). */
    @PostMapping("/admin/sla-policies/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String savePolicy(@PathVariable String key, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        for (int attempt = 0; ; attempt++) {
            SlaPolicyView p = policies.get(key);
            Map<String, String> now = policyValues(p);
            FormMerge.Outcome merge = FormMerge.merge(POLICY_FIELDS, params, now);
            if (merge.hasConflicts()) {
                model.addAttribute("originals", FormMerge.originals(POLICY_FIELDS, now));
                model.addAttribute("conflicts", merge.conflicts());
                Map<String, String> shown = new LinkedHashMap<>(params);
                shown.putAll(merge.reshown());
                return policyForm(model, p, shown, conflictErrors(merge));
            }
            Map<String, String> merged = new LinkedHashMap<>(now);
            merged.putAll(merge.edited());
            Map<String, String> errors = new LinkedHashMap<>();
            Integer response = number(merged, "responseMinutes", errors);
            Integer resolution = number(merged, "resolutionMinutes", errors);
            Integer warning = number(merged, "warningPercent", errors);
            try {
                if (!errors.isEmpty()) {
                    throw new ValidationException(List.of());
                }
                policies.put(key, p.version(), new SlaPolicyService.PolicyInput(merged.get("name"), null, null, merged.get("calendar"),
                    response, resolution, warning));
                redirect.addFlashAttribute("message", p.name() + " saved. Tickets already open keep the targets they were opened with.");
                return "redirect:/admin/sla-policies";
            } catch (ValidationException e) {
                e.errors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
                model.addAttribute("originals", originalsOf(params, POLICY_FIELDS, now));
                return policyForm(model, p, params, errors);
            } catch (PreconditionFailedException e) {
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    static Map<String, String> conflictErrors(FormMerge.Outcome merge) {
        return FormMerge.conflictErrors(merge);
    }

    static Map<String, String> originalsOf(Map<String, String> params, List<String> fields, Map<String, String> now) {
        return FormMerge.originalsOf(params, fields, now);
    }

    private static Integer number(Map<String, String> params, String field, Map<String, String> errors) {
        String v = params.getOrDefault(field, "").trim();
        try {
            return v.length() > 9 ? Integer.valueOf("x") : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            errors.put(field, "Enter a whole number");
            return null;
        }
    }

    static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");

    @GetMapping("/admin/calendars/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String calendar(@PathVariable String key, Model model) {
        CalendarView c = calendars.get(key);
        model.addAttribute("limit", limits.described());
        model.addAttribute("c", c);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("values")) {
            Map<String, String> values = calendarValues(c);
            model.addAttribute("values", values);
            model.addAttribute("originals", FormMerge.originals(CALENDAR_FIELDS, values));
        } else if (!model.containsAttribute("originals")) {
            model.addAttribute("originals", FormMerge.originals(CALENDAR_FIELDS, calendarValues(c)));
        }
        model.addAttribute("days", DAYS);
        return "servicedesk/admin-calendar";
    }

    static final List<String> CALENDAR_FIELDS = java.util.stream.Stream.concat(java.util.stream.Stream.of("name", "zone"), DAYS.stream())
        .toList();

    private static Map<String, String> calendarValues(CalendarView c) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", c.name());
        values.put("zone", c.zone());
        for (String d : DAYS) {
            List<CalendarView.Hours> h = c.hours().getOrDefault(d, List.of());
            values.put(d, String.join(", ", h.stream().map(i -> i.from() + "-" + i.to()).toList()));
        }
        return values;
    }

    static Map<String, List<CalendarView.Hours>> hours(Map<String, String> params, Map<String, String> errors) {
        Map<String, List<CalendarView.Hours>> hours = new LinkedHashMap<>();
        for (String d : DAYS) {
            String text = params.getOrDefault(d, "").trim();
            if (text.isEmpty()) {
                continue;
            }
            List<CalendarView.Hours> list = new java.util.ArrayList<>();
            for (String part : text.split(",")) {
                String[] ft = part.trim().split("\\s*[-–]\\s*");
                if (ft.length != 2) {
                    errors.putIfAbsent(d, "Write the hours like 09:00-17:00, separated by commas");
                } else {
                    list.add(new CalendarView.Hours(ft[0].trim(), ft[1].trim()));
                }
            }
            hours.put(d, list);
        }
        return hours;
    }

    static void calendarErrors(ValidationException e, Map<String, String> errors) {
        e.errors().forEach(fe -> {
            String f = fe.field();
            String day = DAYS.stream().filter(f::contains).findFirst().orElse(null);
            errors.putIfAbsent(day != null ? day : f.startsWith("hours") ? "MONDAY" : f, fe.message());
        });
    }

    @GetMapping("/admin/calendars/new")
    @PreAuthorize("hasRole('MANAGER')")
    String newCalendar(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("zone", "Europe/London");
        for (String d : DAYS.subList(0, 5)) {
            values.put(d, "09:00-17:00");
        }
        model.addAttribute("values", values);
        model.addAttribute("errors", Map.of());
        model.addAttribute("days", DAYS);
        return "servicedesk/admin-calendar-new";
    }

    @PostMapping("/admin/calendars")
    @PreAuthorize("hasRole('MANAGER')")
    String createCalendar(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, List<CalendarView.Hours>> hours = hours(params, errors);
        if (errors.isEmpty()) {
            try {
                CalendarView c = calendars.create(new org.estate.servicedesk.CalendarInput(params.get("key"), params.get("name"),
                    params.get("zone"), hours, List.of()));
                redirect.addFlashAttribute("message", c.name() + " created. Add bank holidays below if it shuts on them.");
                return "redirect:/admin/calendars/" + c.key();
            } catch (ValidationException e) {
                calendarErrors(e, errors);
            } catch (org.estate.platform.ConflictException e) {
                errors.put("key", e.getMessage());
            }
        }
        model.addAttribute("values", params);
        model.addAttribute("errors", errors);
        model.addAttribute("days", DAYS);
        return "servicedesk/admin-calendar-new";
    }

    /**
     * Hours as typed, one field a weekday: "09:00-17:00", or "08:00-12:30, 13:30-18:00"; empty when shut.
     * Saves the fields the manager changed, merged three ways with any change saved meanwhile ({@link FormMerge}).
     */
    @PostMapping("/admin/calendars/{key}")
    @PreAuthorize("hasRole('MANAGER')")
    String saveCalendar(@PathVariable String key, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        for (int attempt = 0; ; attempt++) {
            CalendarView c = calendars.get(key);
            Map<String, String> now = calendarValues(c);
            FormMerge.Outcome merge = FormMerge.merge(CALENDAR_FIELDS, params, now);
            if (merge.hasConflicts()) {
                Map<String, String> shown = new LinkedHashMap<>(params);
                shown.putAll(merge.reshown());
                redirect.addFlashAttribute("values", shown);
                redirect.addFlashAttribute("errors", conflictErrors(merge));
                redirect.addFlashAttribute("conflicts", merge.conflicts());
                redirect.addFlashAttribute("originals", FormMerge.originals(CALENDAR_FIELDS, now));
                return "redirect:/admin/calendars/" + key + "#hours";
            }
            Map<String, String> merged = new LinkedHashMap<>(now);
            merged.putAll(merge.edited());
            Map<String, String> errors = new LinkedHashMap<>();
            Map<String, List<CalendarView.Hours>> hours = hours(merged, errors);
            if (errors.isEmpty()) {
                try {
                    calendars.update(key, c.version(), new org.estate.servicedesk.CalendarInput(key, merged.get("name"), merged.get("zone"), hours,
                        c.holidays().stream().map(Object::toString).toList()));
                    redirect.addFlashAttribute("message", c.name() + " saved. Tickets already open keep counting on the hours they were opened under.");
                    return "redirect:/admin/calendars/" + key;
                } catch (ValidationException e) {
                    calendarErrors(e, errors);
                } catch (PreconditionFailedException e) {
                    if (attempt < 2) {
                        continue;
                    }
                    throw e;
                }
            }
            redirect.addFlashAttribute("values", params);
            redirect.addFlashAttribute("errors", errors);
            redirect.addFlashAttribute("originals", originalsOf(params, CALENDAR_FIELDS, now));
            return "redirect:/admin/calendars/" + key + "#hours";
        }
    }

    @PostMapping("/admin/calendars/{key}/holidays")
    @PreAuthorize("hasRole('MANAGER')")
    String importHolidays(@PathVariable String key, jakarta.servlet.http.HttpServletRequest form,
                          RedirectAttributes redirect) throws IOException {
        calendars.get(key);
        org.springframework.web.multipart.MultipartHttpServletRequest request = org.estate.platform.Uploads.multipart(form);
        String division;
        MultipartFile file;
        try {
            // Multipart is resolved lazily: should a file past the limit reach this far (the container
            // usually refuses it first, with the GOV.UK 413 page), it is shown beside its field.
            division = request.getParameter("division");
            file = request.getFile("file");
        } catch (org.springframework.web.multipart.MaxUploadSizeExceededException e) {
            redirect.addFlashAttribute("errors", Map.of("file", "The selected file must be smaller than " + limits.described()));
            return "redirect:/admin/calendars/" + key;
        }
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("errors", Map.of("file", "Choose GOV.UK's bank-holidays.json file"));
            return "redirect:/admin/calendars/" + key;
        }
        try {
            int added = calendars.importHolidays(key, division, file.getInputStream());
            redirect.addFlashAttribute("message", added + (added == 1 ? " holiday" : " holidays") + " added to " + key + ".");
        } catch (ValidationException e) {
            redirect.addFlashAttribute("errors", Map.of(e.errors().getFirst().field().equals("division") ? "division" : "file",
                e.errors().getFirst().message()));
        } catch (BadRequestException e) {
            redirect.addFlashAttribute("errors", Map.of("file", e.getMessage()));
        } catch (org.estate.platform.PayloadTooLargeException e) {
            redirect.addFlashAttribute("errors", Map.of("file", "The selected file must be smaller than " + limits.described()));
        }
        return "redirect:/admin/calendars/" + key;
    }
}
