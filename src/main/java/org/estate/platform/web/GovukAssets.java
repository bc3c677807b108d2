package org.estate.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GOV.UK Frontend, served from its WebJar. A council is not GOV.UK: the GDS Transport typeface may
 * not be used, so the stylesheet is served with its {@code @font-face} rules removed (it then falls
 * back to Arial) and the font files are never mapped.
 */
@Controller
class GovukAssets implements WebMvcConfigurer {

    static final String DIST = "META-INF/resources/webjars/govuk-frontend/5.14.0/dist/govuk/";

    private final byte[] stylesheet;

    GovukAssets() throws IOException {
        try (InputStream in = new ClassPathResource(DIST + "govuk-frontend.min.css").getInputStream()) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            css = css.replaceAll("@font-face\\{[^}]*}", "");
            this.stylesheet = css.getBytes(StandardCharsets.UTF_8);
        }
    }

    @GetMapping("/static/govuk-frontend.css")
    @PreAuthorize("permitAll()")
    ResponseEntity<byte[]> stylesheet() {
        return ResponseEntity.ok().contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
            .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(stylesheet);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/images/**").addResourceLocations("classpath:/" + DIST + "assets/images/");
        registry.addResourceHandler("/assets/manifest.json").addResourceLocations("classpath:/" + DIST + "assets/");
        registry.addResourceHandler("/static/govuk/**").addResourceLocations("classpath:/" + DIST);
    }
}
