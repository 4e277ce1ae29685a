package ru.supportgateway.telephony.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import ru.supportgateway.testsupport.FreshDatabase;
import ru.supportgateway.testsupport.GatewayTest;
import ru.supportgateway.testsupport.TestClock;
import ru.supportgateway.testsupport.TestMailServer;

/**
 * The whole gateway with telephony on, connected over TCP to {@link FakeAsterisk}, on a database of its own.
 * One context shared by all AMI integration test classes (the {@link GatewayTest} context has no Asterisk).
 * Desk portal's abandon threshold is raised to 30 s so that 02a (24 s in the queue) is under it there.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"GATEWAY_ADMIN_PASSWORD=" + GatewayTest.ADMIN_PASSWORD,
                "gateway.desks.portal.phone.abandon-threshold=30s",
                // The mail test desks' mailboxes belong to the email tests' context, which runs in the same JVM.
                "gateway.email.mailboxes=false"})
@ContextConfiguration(initializers = {FreshDatabase.class, TestMailServer.class, FakeAsterisk.class})
@ActiveProfiles("test")
@Import(TestClock.Config.class)
public @interface AmiGatewayTest {
}
