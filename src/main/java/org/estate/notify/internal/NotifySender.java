package org.estate.notify.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.TimedNotificationClient;

/**
 * Sends email and SMS through GOV.UK Notify's official client, with generic templates: the SMS
 * template has {@code ((body))}, the email template {@code ((subject))} and {@code ((body))}. The
 * outbox id goes as Notify's {@code reference} (callbacks name it), and Notify's id comes back as the
 * provider id. HTTP 429 (Notify's rate limit) is throttling, tried again later; 400 (a bad number or
 * address, a wrong template) is a refusal for good; anything else is tried again. The client makes no
 * retries of its own. The API key is never logged.
 */
@Component
class NotifySender {

    private final NotifyProperties settings;
    private volatile NotificationClient client;

    NotifySender(NotifyProperties settings) {
        this.settings = settings;
    }

    private NotificationClient client() {
        NotificationClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = new TimedNotificationClient(settings.apiKey().trim(), settings.baseUrl(), settings.connectTimeout(),
                        settings.requestTimeout());
                }
                c = client;
            }
        }
        return c;
    }

    Outcome sms(long id, String phoneNumber, String body) {
        Map<String, Object> personalisation = new LinkedHashMap<>();
        personalisation.put("body", body);
        try {
            return Outcome.sent(client().sendSms(settings.smsTemplateId().trim(), phoneNumber, personalisation, String.valueOf(id))
                .getNotificationId().toString());
        } catch (NotificationClientException e) {
            return outcome(e);
        } catch (RuntimeException e) {
            return Outcome.retry("GOV.UK Notify: " + e.getClass().getSimpleName());
        }
    }

    Outcome email(long id, String address, String subject, String body) {
        Map<String, Object> personalisation = new LinkedHashMap<>();
        personalisation.put("subject", subject == null ? "" : subject);
        personalisation.put("body", body);
        try {
            return Outcome.sent(client().sendEmail(settings.emailTemplateId().trim(), address, personalisation, String.valueOf(id))
                .getNotificationId().toString());
        } catch (NotificationClientException e) {
            return outcome(e);
        } catch (RuntimeException e) {
            return Outcome.retry("GOV.UK Notify: " + e.getClass().getSimpleName());
        }
    }

    private static Outcome outcome(NotificationClientException e) {
        int status = e.getHttpResult();
        String error = OutboxMailer.truncate("GOV.UK Notify: " + (e.getMessage() == null ? "HTTP " + status : e.getMessage()), 1000);
        if (status == 429) {
            return Outcome.throttled(error);
        }
        if (status >= 400 && status < 500 && status != 403 && status != 408) {
            return Outcome.failed(error); // 400: a bad phone number or address, or a template that does not fit
        }
        return Outcome.retry(error); // 403 (a wrong key: fix the setting, the message is fine), 5xx, or no answer
    }
}
