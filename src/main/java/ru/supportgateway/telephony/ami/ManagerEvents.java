package ru.supportgateway.telephony.ami;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Converts asterisk-java's typed events into {@link AmiEvent}s by reading their bean properties.
 * asterisk-java names the same header differently per class ({@code getLinkedid} vs
 * {@code getLinkedId}); lower-casing the property names hides that.
 */
public final class ManagerEvents {

    private static final Set<String> SKIPPED = Set.of("class", "source", "datereceived", "channelvariables",
            "internalactionid", "variables");
    private static final Map<Class<?>, List<Map.Entry<String, Method>>> GETTERS = new ConcurrentHashMap<>();

    private ManagerEvents() {
    }

    public static AmiEvent toAmiEvent(ManagerEvent event) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, Method> getter : gettersOf(event.getClass())) {
            try {
                Object value = getter.getValue().invoke(event);
                if (value != null) {
                    headers.putIfAbsent(getter.getKey(), value.toString());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a getter that fails only loses that header
            }
        }
        return AmiEvent.of(nameOf(event.getClass()), headers);
    }

    /** {@code NewChannelEvent} -> {@code NewChannel}, {@code SupportVoicemailEvent} -> {@code SupportVoicemail}. */
    static String nameOf(Class<?> cls) {
        String simple = cls.getSimpleName();
        return simple.endsWith("Event") ? simple.substring(0, simple.length() - "Event".length()) : simple;
    }

    private static List<Map.Entry<String, Method>> gettersOf(Class<?> cls) {
        return GETTERS.computeIfAbsent(cls, c -> {
            try {
                return java.util.Arrays.stream(Introspector.getBeanInfo(c).getPropertyDescriptors())
                        .filter(pd -> pd.getReadMethod() != null)
                        .filter(pd -> !SKIPPED.contains(pd.getName().toLowerCase(java.util.Locale.ROOT)))
                        .map(pd -> Map.entry(pd.getName().toLowerCase(java.util.Locale.ROOT), readMethod(pd)))
                        .toList();
            } catch (IntrospectionException e) {
                return List.of();
            }
        });
    }

    private static Method readMethod(PropertyDescriptor pd) {
        Method m = pd.getReadMethod();
        m.setAccessible(true);
        return m;
    }
}
