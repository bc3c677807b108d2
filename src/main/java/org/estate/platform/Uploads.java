package org.estate.platform;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

/**
 * File uploads on pages. A handler takes the plain request and asks for its multipart view here,
 * so that the role rule is checked first and a form posted without a file (not multipart) is a
 * 400 saying how to send it, never a 500 from the framework.
 */
public final class Uploads {

    private Uploads() {
    }

    public static MultipartHttpServletRequest multipart(HttpServletRequest request) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null) {
            throw new BadRequestException("file", "Send the form with its file, as multipart/form-data");
        }
        return multipart;
    }
}
