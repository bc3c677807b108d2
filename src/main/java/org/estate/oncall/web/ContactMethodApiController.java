package org.estate.oncall.web;

import org.estate.oncall.internal.ContactMethodService;
import org.estate.oncall.internal.ContactMethodService.ContactsInput;
import org.estate.oncall.internal.ContactMethodService.ContactsView;
import org.estate.platform.Etags;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A person's contact methods and rules for pages: theirs to set (or an admin's); managers may read them. */
@RestController
@RequestMapping("/api/v1/users/{username}/contact-methods")
@Tag(name = "On-call contact methods")
class ContactMethodApiController {

    private final ContactMethodService contacts;

    ContactMethodApiController(ContactMethodService contacts) {
        this.contacts = contacts;
    }

    @GetMapping
    @PreAuthorize("hasRole('MANAGER') or #username == authentication.name")
    @Operation(summary = "A person's contact methods (webhook URLs masked) and rules, with the ETag; 404 for an unknown user")
    ResponseEntity<ContactsView> get(@PathVariable String username) {
        ContactsView v = contacts.get(username);
        return ResponseEntity.ok().eTag(Etags.of(v.version())).body(v);
    }

    @PutMapping
    @PreAuthorize("hasRole('ADMIN') or #username == authentication.name")
    @Operation(summary = "Replace a person's contact methods and rules; If-Match optional (412 when stale); 422 naming each field "
        + "out of range (methods[i].type|address|id, rules[i].method|delayMinutes|urgency); a webhook sent back masked with its id is kept")
    ResponseEntity<ContactsView> replace(@PathVariable String username,
                                         @RequestHeader(value = "If-Match", required = false) String ifMatch,
                                         @RequestBody ContactsInput input) {
        ContactsView v = contacts.replace(username, ifMatch == null ? null : Etags.versionFrom(ifMatch), input);
        return ResponseEntity.ok().eTag(Etags.of(v.version())).body(v);
    }
}
