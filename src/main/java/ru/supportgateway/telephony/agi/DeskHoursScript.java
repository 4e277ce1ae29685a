package ru.supportgateway.telephony.agi;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.BaseAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ru.supportgateway.desk.Desk;
import ru.supportgateway.desk.Desks;

/**
 * FastAGI script {@code desk-hours?desk=<id>}: sets {@link DeskHoursAnswer#variables()} on the channel.
 * <p>
 * Working time comes from the desk's calendar exactly as for email (holidays, transferred days),
 * "now" from the gateway's {@link Clock}. An unknown desk is logged and answered as closed rather than
 * failing: the caller still hears the after-hours message instead of silence. A caller who hangs up
 * while the script runs is normal and only logged at debug level.
 */
public final class DeskHoursScript extends BaseAgiScript {

    /** The script name in the AGI URL: {@code agi://gateway:4573/desk-hours?desk=sc}. */
    public static final String NAME = "desk-hours";

    private static final Logger log = LoggerFactory.getLogger(DeskHoursScript.class);

    private final Desks desks;
    private final Clock clock;

    public DeskHoursScript(Desks desks, Clock clock) {
        this.desks = desks;
        this.clock = clock;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        DeskHoursAnswer answer = answerFor(request);
        try {
            for (Map.Entry<String, String> v : answer.variables().entrySet()) {
                channel.setVariable(v.getKey(), v.getValue());
            }
        } catch (AgiHangupException e) {
            log.debug("caller hung up during desk-hours on {} ({})", request.getChannel(), request.getUniqueId());
        }
    }

    DeskHoursAnswer answerFor(AgiRequest request) {
        String deskId = request.getParameter("desk");
        Optional<Desk> desk = desks.find(deskId);
        if (desk.isEmpty()) {
            log.error("FastAGI {}: {} desk '{}' (request {}, channel {}, uniqueid {}); answering DESK_OPEN=0,"
                            + " DESK_AFTER_HOURS=message. Check the AGI URL in extensions.conf against gateway.desks",
                    NAME, deskId == null || deskId.isBlank() ? "no" : "unknown", deskId, request.getRequestURL(),
                    request.getChannel(), request.getUniqueId());
            return DeskHoursAnswer.unknownDesk();
        }
        if (desk.get().phone().isEmpty()) {
            log.warn("FastAGI {}: desk {} has no phone settings (gateway.desks.{}.phone); callers get the message",
                    NAME, deskId, deskId);
        }
        DeskHoursAnswer answer = DeskHoursAnswer.of(desk.get(), clock.instant());
        log.debug("FastAGI {} for {} on {}: {}", NAME, deskId, request.getChannel(), answer);
        return answer;
    }
}
