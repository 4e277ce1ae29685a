package ru.supportgateway.telephony.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FakeAmiServerTest {

    private FakeAmiServer fake;

    @AfterEach
    void tearDown() throws IOException {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeAmiServer start() throws IOException {
        fake = new FakeAmiServer("gateway", "secret").start();
        return fake;
    }

    private static int offsetOf(AmiCapture capture, AmiMessage message) {
        return AmiCapture.indexOf(capture.inBytes(), message.raw(), 0);
    }

    @Test
    void captureSplitsIntoMessagesThatReassembleToTheRawBytes() {
        AmiCapture c = AmiCapture.load("06a-actions");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        bos.writeBytes((c.banner().orElseThrow() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        c.received().forEach(m -> bos.writeBytes(m.raw()));
        assertThat(bos.toByteArray()).isEqualTo(c.inBytes());
        assertThat(c.banner()).contains("Asterisk Call Manager/11.0.0");
        // the bare-LF quirk stays inside the value instead of ending the message
        AmiMessage move = c.answersTo("voicemailmove").get(0).get(0);
        assertThat(move.header("Message")).contains("Message move successful\n");
    }

    /** A whole recorded session, replayed through the fake, yields the recorded bytes exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"01-queue-answered", "02a-queue-abandon", "02b-queue-timeout-voicemail",
            "03-after-hours-voicemail", "05c-callback-operator-noanswer", "07c-reload", "09-agi-server-down"})
    void replaysRecordedSessionByteForByte(String name) throws IOException {
        AmiCapture capture = AmiCapture.load(name);
        start().loginExchangeFrom(capture);
        List<AmiMessage> sent = capture.sent();
        List<AmiMessage> scenario = capture.scenarioEvents();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            // every action but the final Logoff, then wait for the answers that precede the scenario
            for (AmiMessage action : sent.subList(0, sent.size() - 1)) {
                client.send(action);
            }
            client.readUntilTotal(offsetOf(capture, scenario.get(0)));
            fake.replay(capture);
            client.send(sent.get(sent.size() - 1));
            byte[] all = client.readToEof();
            assertThat(client.sawEof()).as("Logoff closes the connection").isTrue();
            assertThat(new String(all, StandardCharsets.UTF_8))
                    .isEqualTo(new String(capture.inBytes(), StandardCharsets.UTF_8));
            assertThat(all).isEqualTo(capture.inBytes());
        }
    }

    @Test
    void originateAnswerAndReplayedOriginateResponseCarryTheClientsActionId() throws IOException {
        AmiCapture capture = AmiCapture.load("05a-callback-success");
        start().loginExchangeFrom(capture);
        fake.armOriginate(capture);
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send(capture.sent().get(0)); // Login
            String originate = capture.sent().get(1).text().replace("ActionID: originate-2", "ActionID: cb-77");
            client.send(originate);
            client.send("Action: Logoff\r\nActionID: bye\r\n\r\n");
            String text = new String(client.readToEof(), StandardCharsets.UTF_8);

            String expected = new String(capture.inBytes(), StandardCharsets.UTF_8)
                    .replace("ActionID: originate-2", "ActionID: cb-77")
                    .replace("ActionID: logoff-3", "ActionID: bye");
            assertThat(text).isEqualTo(expected);
            assertThat(text).contains("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: cb-77\r\n");
            assertThat(fake.receivedActions().get(1)).containsEntry("exten", "+15555550123")
                    .containsEntry("actionid", "cb-77");
        }
    }

    @Test
    void filtersLimitWhichEventsAreSent() throws IOException {
        AmiCapture capture = AmiCapture.load("04-voicemail-filtered");
        start().loginExchangeFrom(capture);
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            List<AmiMessage> sent = capture.sent();
            for (AmiMessage action : sent.subList(0, sent.size() - 1)) {
                client.send(action);
            }
            client.readUntilTotal(offsetOf(capture, capture.scenarioEvents().get(0)));
            // the unfiltered call of 03 contains hundreds of events; only the two whitelisted ones may pass
            fake.replay(AmiCapture.load("03-after-hours-voicemail"));
            fake.replay(capture);
            client.send(sent.get(sent.size() - 1));
            String text = new String(client.readToEof(), StandardCharsets.UTF_8);
            assertThat(text).doesNotContain("Event: Newchannel").doesNotContain("Event: Hangup");
            assertThat(text.split("Event: UserEvent", -1)).hasSize(3);
            assertThat(text).endsWith(new String(capture.inBytes(), StandardCharsets.UTF_8)
                    .substring(offsetOf(capture, capture.scenarioEvents().get(0))));
        }
    }

    @Test
    void wrongSecretIsRefusedAfterADelayAndTheConnectionClosed() throws IOException {
        AmiCapture capture = AmiCapture.load("06c-login-failed");
        start();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            long t0 = System.nanoTime();
            for (AmiMessage action : capture.sent()) {
                client.send(action);
            }
            byte[] all = client.readToEof();
            long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(client.sawEof()).isTrue();
            assertThat(all).isEqualTo(capture.inBytes());
            assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
            assertThat(fake.failedLogins()).isEqualTo(1);
        }
    }

    @Test
    void md5ChallengeLoginMatchesCapture() throws IOException {
        AmiCapture capture = AmiCapture.load("06b-login-md5");
        start().loginExchangeFrom(capture).fixedChallenge("122242082");
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send(capture.sent().get(0)); // Challenge
            client.send(capture.sent().get(1)); // Login with Key
            int upToPing = offsetOf(capture, capture.answersTo("ping").get(0).get(0));
            byte[] got = client.readUntilTotal(upToPing);
            assertThat(new String(got, StandardCharsets.UTF_8))
                    .isEqualTo(new String(capture.inBytes(), 0, upToPing, StandardCharsets.UTF_8));
        }
        // a wrong key is refused
        fake.authFailureDelay(Duration.ZERO);
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send(capture.sent().get(0));
            client.send(capture.sent().get(1).text().replace("558cd42a", "00000000"));
            assertThat(new String(client.readToEof(), StandardCharsets.UTF_8)).contains("Authentication failed");
        }
    }

    @Test
    void listActionsAnswerWithCapturedLayoutAndTheClientsActionId() throws IOException {
        AmiCapture capture = AmiCapture.load("06a-actions");
        start();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send("action: Login\r\nactionid: L\r\nusername: gateway\r\nsecret: secret\r\n\r\n");
            client.send("Action: VoicemailBoxSummary\r\nActionID: vm-1\r\nContext: support\r\nMailbox: 100\r\n\r\n");
            client.send("Action: VoicemailMove\r\nActionID: mv\r\nContext: support\r\nMailbox: 100\r\n"
                    + "Folder: INBOX\r\nID: 1795334091-00000000\r\nToFolder: Old\r\n\r\n");
            client.send("Action: Ping\r\n\r\n");
            client.send("Action: NoSuchThing\r\nActionID: x\r\n\r\n");
            String text = client.readUntilContains("Event: RequestBadFormat");

            StringBuilder expected = new StringBuilder();
            capture.answersTo("voicemailboxsummary").get(0)
                    .forEach(m -> expected.append(m.withActionId("vm-1").text()));
            assertThat(text).contains(expected);
            assertThat(text).contains("EventList: Complete\r\nListItems: 3\r\n");
            assertThat(text).contains("Message: Message move successful\n\r\n\r\n");
            // no ActionID sent -> none echoed
            assertThat(text).contains("Response: Success\r\nPing: Pong\r\n");
            assertThat(text).contains("Message: Invalid/unknown command: NoSuchThing. Use Action: ListCommands");
            assertThat(text).contains("RequestType: Action: NoSuchThing");
        }
    }

    @Test
    void actionBeforeLoginIsDeniedButConnectionStaysOpen() throws IOException {
        start();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send("Action: Ping\r\nActionID: p1\r\n\r\n");
            client.readUntilContains("Permission denied");
            client.send("Action: Login\r\nActionID: l\r\nUsername: gateway\r\nSecret: secret\r\n\r\n");
            String text = client.readUntilContains("Event: SuccessfulAuth");
            assertThat(text).startsWith("Asterisk Call Manager/11.0.0\r\nResponse: Error\r\nActionID: p1\r\n"
                    + "Message: Permission denied\r\n\r\nResponse: Success\r\nActionID: l\r\n"
                    + "Message: Authentication accepted\r\n\r\nEvent: FullyBooted\r\n");
        }
    }

    @Test
    void shutdownSendsShutdownEventThenCloses() throws IOException {
        start();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send("Action: Login\r\nActionID: l\r\nUsername: gateway\r\nSecret: secret\r\n\r\n");
            client.readUntilContains("Event: SuccessfulAuth");
            fake.shutdown(true);
            String text = new String(client.readToEof(), StandardCharsets.UTF_8);
            assertThat(client.sawEof()).isTrue();
            assertThat(text).endsWith("Event: Shutdown\r\nPrivilege: system,all\r\nShutdown: Cleanly\r\n"
                    + "Restart: True\r\n\r\n");
        }
    }

    @Test
    void refusedAndBannerlessConnectionsCanBeScripted() throws IOException {
        start();
        fake.stopListening();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), fake.port()).close())
                .isInstanceOf(ConnectException.class);
        fake.closeNextConnectionsWithoutBanner(1);
        fake.startListening();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            assertThat(client.readToEof()).isEmpty();
            assertThat(client.sawEof()).isTrue();
        }
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            assertThat(client.readUntilTotal(30)).startsWith("Asterisk Call Manager/11.0.0\r\n".getBytes());
        }
        assertThat(fake.connectionsClosedWithoutBanner()).isEqualTo(1);
    }

    @Test
    void dropClosesAbruptly() throws IOException {
        start();
        try (RawAmiClient client = new RawAmiClient(fake.port())) {
            client.send("Action: Login\r\nActionID: l\r\nUsername: gateway\r\nSecret: secret\r\n\r\n");
            client.readUntilContains("Event: SuccessfulAuth");
            fake.drop();
            assertThatThrownBy(client::readToEof).isInstanceOf(IOException.class); // connection reset
        }
    }
}
