package org.estate.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.estate.platform.Secrets;
import org.springframework.stereotype.Component;

/** STAND-IN until the real sealing lands: NOT encryption. Replaced by the checks work. */
@Component
class StandInSecrets implements Secrets {

    @Override
    public String seal(String plaintext) {
        return "standin:" + Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String open(String sealed) {
        return new String(Base64.getDecoder().decode(sealed.substring("standin:".length())), StandardCharsets.UTF_8);
    }
}
