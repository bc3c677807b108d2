package org.estate.cmdb.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.estate.cmdb.AttributeDefinition;
import org.estate.cmdb.AttributeType;
import org.estate.cmdb.Cmdb;
import org.estate.platform.ConflictException;
import org.estate.platform.ValidationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** CI classes and their attributes; admins add custom attributes here. */
@Controller
class CiClassPageController {

    private final Cmdb cmdb;

    CiClassPageController(Cmdb cmdb) {
        this.cmdb = cmdb;
    }

    @GetMapping("/cmdb/classes")
    @PreAuthorize("hasRole('VIEWER')")
    String list(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        org.estate.platform.Sort order;
        try {
            order = CmdbApiController.CLASS_SORT.parse(sort);
        } catch (ValidationException e) {
            order = CmdbApiController.CLASS_SORT.parse(null);
            model.addAttribute("listErrors", Map.of("sort", e.errors().getFirst().message()));
        }
        var result = CmdbApiController.CLASS_SORT.page(cmdb.classes(), order, org.estate.platform.Paging.lenient(page, size));
        var list = new org.estate.platform.ListView("/cmdb/classes", new org.springframework.util.LinkedMultiValueMap<>(), order, result);
        model.addAttribute("classes", result.items());
        model.addAttribute("result", result);
        model.addAttribute("list", list);
        model.addAttribute("pageBase", list.pageBase());
        model.addAttribute("types", AttributeType.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("values", Map.of());
        }
        return "cmdb/classes/list";
    }

    @PostMapping("/cmdb/classes/{key}/attributes")
    @PreAuthorize("hasRole('ADMIN')")
    String addAttribute(@PathVariable String key, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        AttributeType type = AttributeType.fromKey(params.getOrDefault("type", "")).orElse(null);
        List<String> options = Arrays.stream(params.getOrDefault("options", "").split("\\R")).map(String::trim)
            .filter(s -> !s.isEmpty()).toList();
        try {
            AttributeDefinition added = cmdb.addAttribute(key, new AttributeDefinition(params.get("key"), params.get("label"), type,
                "true".equals(params.get("required")), options, false));
            redirect.addFlashAttribute("message", "Attribute " + added.label() + " added to " + key + ".");
            return "redirect:/cmdb/classes#" + key;
        } catch (ValidationException e) {
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.message()));
        } catch (ConflictException e) {
            errors.put("key", e.getMessage());
        }
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("values", params);
        redirect.addFlashAttribute("errorClass", key);
        return "redirect:/cmdb/classes#add-" + key;
    }
}
