package ru.supportgateway.desk;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import ru.supportgateway.calendar.DayKind;
import ru.supportgateway.calendar.ProductionCalendar;

/**
 * Reads {@code gateway.calendars.*} and {@code gateway.desks.*}. Binding is strict: a key the
 * gateway does not know stops the start with its name, because a misspelt key would otherwise
 * silently leave a desk on defaults (e.g. registering mail at night that should wait).
 */
@Configuration(proxyBeanMethods = false)
class DeskConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeskConfiguration.class);

    @Bean
    Desks desks(Environment environment, ResourceLoader resources) {
        Binder binder = Binder.get(environment);
        BindHandler strict = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);
        Map<String, DeskProperties.CalendarProperties> calendarProps = binder.bind("gateway.calendars",
                Bindable.mapOf(String.class, DeskProperties.CalendarProperties.class), strict).orElse(Map.of());
        Map<String, DeskProperties> deskProps = binder.bind("gateway.desks",
                Bindable.mapOf(String.class, DeskProperties.class), strict).orElse(Map.of());

        Map<String, ProductionCalendar> calendars = new LinkedHashMap<>();
        calendars.put("ru", ProductionCalendar.russian());
        calendarProps.forEach((name, props) -> {
            if (!name.equals("ru")) {
                throw new DeskConfigurationException("gateway.calendars." + name,
                        "unknown calendar; only ru can be extended (add days or imports under gateway.calendars.ru)");
            }
            calendars.put(name, extend(calendars.get(name), "gateway.calendars." + name, props, resources));
        });

        DeskFactory factory = new DeskFactory(name -> Optional.ofNullable(calendars.get(name)));
        List<Desk> desks = new ArrayList<>();
        deskProps.forEach((id, props) -> desks.add(factory.create(id, props)));
        requireUniquePhoneKeys(desks);
        if (desks.isEmpty()) {
            log.warn("No desks are configured (gateway.desks); list desk files in config/application.yml");
        } else {
            desks.forEach(d -> log.info("Desk {} ({}), zone {}", d.id(), d.name(), d.zone()));
        }
        return new Desks(desks);
    }

    /** Calls are mapped to desks by queue and voicemail box, so two desks must never share one. */
    private static void requireUniquePhoneKeys(List<Desk> desks) {
        Map<String, String> queues = new LinkedHashMap<>();
        Map<String, String> boxes = new LinkedHashMap<>();
        for (Desk d : desks) {
            d.phone().flatMap(Desk.PhoneSettings::queue).ifPresent(q -> {
                String other = queues.putIfAbsent(q, d.id());
                if (other != null) {
                    throw new DeskConfigurationException("gateway.desks." + d.id() + ".phone.queue",
                            "queue '" + q + "' is already the queue of desk " + other + "; calls could not be told apart");
                }
            });
            d.phone().flatMap(Desk.PhoneSettings::voicemail).ifPresent(v -> {
                String other = boxes.putIfAbsent(v.contains("@") ? v : v + "@default", d.id());
                if (other != null) {
                    throw new DeskConfigurationException("gateway.desks." + d.id() + ".phone.voicemail",
                            "voicemail box '" + v + "' is already the box of desk " + other);
                }
            });
        }
    }

    private static ProductionCalendar extend(ProductionCalendar base, String key,
                                             DeskProperties.CalendarProperties props, ResourceLoader resources) {
        ProductionCalendar result = base;
        if (props.imports() != null) {
            for (int i = 0; i < props.imports().size(); i++) {
                String location = props.imports().get(i);
                Resource resource = resources.getResource(location);
                try (InputStream in = resource.getInputStream()) {
                    result = result.merge(ProductionCalendar.fromXmlCalendar(in));
                    log.info("Imported production calendar days from {}", location);
                } catch (IOException | RuntimeException e) {
                    throw new DeskConfigurationException(key + ".import[" + i + "]",
                            "cannot import xmlcalendar file '" + location + "': " + e.getMessage());
                }
            }
        }
        if (props.days() != null && !props.days().isEmpty()) {
            Map<LocalDate, DayKind> overrides = new LinkedHashMap<>();
            props.days().forEach((date, kind) -> {
                try {
                    overrides.put(LocalDate.parse(date.replace("[", "").replace("]", "")), DayKind.parse(kind));
                } catch (DateTimeParseException e) {
                    throw new DeskConfigurationException(key + ".days", "'" + date + "' is not a date like 2027-12-31");
                } catch (IllegalArgumentException e) {
                    throw new DeskConfigurationException(key + ".days." + date, e.getMessage());
                }
            });
            result = result.withOverrides(overrides);
        }
        return result;
    }
}
