package org.estate.monitoring.internal.probe.sys;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One SNMP4J engine (one UDP socket, one user-based security model) shared by every SNMP check, so
 * a thousand checks do not hold a thousand sockets and listener threads. Opened on first use.
 * Requests are sent asynchronously and awaited on a future, so a check's virtual thread never
 * blocks inside the library. v3 users are kept per agent engine ID, so two agents may have the
 * same user name with different passwords.
 */
@Component
public class SnmpSession implements DisposableBean {

    private Snmp snmp;
    private USM usm;

    private synchronized Snmp snmp() throws IOException {
        if (snmp == null) {
            SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.none);
            protocols.addAuthenticationProtocol(new AuthMD5());
            protocols.addAuthenticationProtocol(new AuthSHA());
            protocols.addAuthenticationProtocol(new AuthHMAC128SHA224());
            protocols.addAuthenticationProtocol(new AuthHMAC192SHA256());
            protocols.addAuthenticationProtocol(new AuthHMAC256SHA384());
            protocols.addAuthenticationProtocol(new AuthHMAC384SHA512());
            protocols.addPrivacyProtocol(new PrivDES());
            protocols.addPrivacyProtocol(new Priv3DES());
            protocols.addPrivacyProtocol(new PrivAES128());
            protocols.addPrivacyProtocol(new PrivAES192());
            protocols.addPrivacyProtocol(new PrivAES256());
            usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
            dispatcher.addMessageProcessingModel(new MPv2c());
            dispatcher.addMessageProcessingModel(new MPv3(usm));
            Snmp s = new Snmp(dispatcher, new DefaultUdpTransportMapping());
            s.listen();
            snmp = s;
        }
        return snmp;
    }

    /** Sends a request and waits for the answer; a null response in the event means no answer in time. */
    ResponseEvent<UdpAddress> send(PDU pdu, Target<UdpAddress> target, Duration wait) throws IOException, InterruptedException {
        Snmp s = snmp();
        CompletableFuture<ResponseEvent<UdpAddress>> answer = new CompletableFuture<>();
        ResponseListener listener = new ResponseListener() {
            @Override
            @SuppressWarnings("unchecked")
            public <A extends org.snmp4j.smi.Address> void onResponse(ResponseEvent<A> event) {
                ((Snmp) event.getSource()).cancel(event.getRequest(), this);
                answer.complete((ResponseEvent<UdpAddress>) (ResponseEvent<?>) event);
            }
        };
        s.send(pdu, target, null, listener);
        try {
            return answer.get(wait.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        } catch (TimeoutException e) {
            s.cancel(pdu, listener);
            return new ResponseEvent<>(s, target.getAddress(), pdu, null, null);
        }
    }

    /** The agent's engine ID (SNMPv3 discovery), or null when it does not answer. */
    byte[] discoverEngineId(UdpAddress address, Duration wait) throws IOException {
        return snmp().discoverAuthoritativeEngineID(address, wait.toMillis());
    }

    /** Makes this v3 user known for this agent (keys localised to its engine ID), replacing any earlier one. */
    synchronized void addUser(byte[] engineId, UsmUser user) throws IOException {
        snmp();
        OctetString engine = new OctetString(engineId);
        usm.removeAllUsers(user.getSecurityName(), engine);
        usm.addUser(user.getSecurityName(), engine, user);
    }

    @Override
    public synchronized void destroy() throws IOException {
        if (snmp != null) {
            snmp.close();
            snmp = null;
        }
    }
}
