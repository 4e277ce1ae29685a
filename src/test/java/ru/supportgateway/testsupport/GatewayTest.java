package ru.supportgateway.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full gateway on a random port, on a fresh database of its own on the real PostgreSQL, with a
 * {@link TestClock} as its clock. All test classes with this annotation share one context (and so
 * one database): keep test data apart by what each test creates, and set the clock before relying on it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "GATEWAY_ADMIN_PASSWORD=" + GatewayTest.ADMIN_PASSWORD)
@ContextConfiguration(initializers = {FreshDatabase.class, TestMailServer.class})
@ActiveProfiles("test")
@Import(TestClock.Config.class)
public @interface GatewayTest {
    String ADMIN_PASSWORD = "test-admin-secret";
}
