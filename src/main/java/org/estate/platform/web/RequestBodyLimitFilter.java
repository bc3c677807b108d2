package org.estate.platform.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * At most {@value #MAX_BODY} bytes of body for every request that is not a file import: JSON, forms,
 * or no declared type. A body declared larger is refused with 413 before a byte is read; one sent
 * without a length is cut off at the limit and refused with 413 too, so nothing is ever buffered
 * beyond it. File imports (multipart, {@code text/csv}, {@code text/plain},
 * {@code application/octet-stream}) are bounded by their own limit (the multipart settings).
 * Query strings and forms holding U+0000 are refused with 400 here too, before anything reads them.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final long MAX_BODY = 1024 * 1024;
    static final String TOO_LARGE = "The request body is larger than 1 MB, the most Estate accepts except for file imports "
        + "(CSV or multipart uploads, which have their own limit)";

    /** The body went past {@link #MAX_BODY} while being read. */
    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super(TOO_LARGE);
        }
    }

    static boolean tooLarge(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            // Ours, or Tomcat's refusal of a multipart body past the upload limit (met while a filter
            // such as the CSRF check reads a parameter, before Spring's multipart handling).
            if (c instanceof BodyTooLargeException || c instanceof org.apache.tomcat.util.http.fileupload.impl.SizeException) {
                return true;
            }
        }
        return false;
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
            FilterRegistrationBean<RequestBodyLimitFilter> bean = new FilterRegistrationBean<>(new RequestBodyLimitFilter());
            bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            bean.addUrlPatterns("/*");
            return bean;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            // PostgreSQL cannot store U+0000, so no text may hold it (see JsonLimits for bodies).
            throw new org.estate.platform.BadRequestException(null, JsonLimits.NUL);
        }
        if (!limited(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        Limited limited = new Limited(request);
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
            && request.getContentLengthLong() != 0) {
            for (String[] values : limited.getParameterMap().values()) {
                for (String v : values) {
                    if (v.indexOf('\0') >= 0) {
                        throw new org.estate.platform.BadRequestException(null, JsonLimits.NUL);
                    }
                }
            }
        }
        chain.doFilter(limited, response);
    }

    static boolean limited(String contentType) {
        if (contentType == null) {
            return true;
        }
        String t = contentType.toLowerCase(java.util.Locale.ROOT);
        return !(t.startsWith("multipart/") || t.startsWith("text/csv") || t.startsWith("text/plain")
            || t.startsWith("application/octet-stream"));
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private ServletInputStream stream;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new org.estate.platform.BadRequestException("Content-Type", "Unknown charset: send UTF-8");
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private long count;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        private void add(long n) {
            if (n > 0) {
                count += n;
                if (count > MAX_BODY) {
                    throw new BodyTooLargeException();
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            add(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
