package org.lampyris.evcharging;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.lampyris.api.Subscription;
import org.lampyris.api.point.InvalidValueException;
import org.lampyris.api.point.Point;
import org.lampyris.api.point.PointInfo;
import org.lampyris.api.point.PointPath;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The charging sessions (see {@link SessionsShown}): the running one and the recent ones, observable. A POST
 * acts on them:
 * <ul>
 * <li>an identifier (an RFID card's UID or a contract id, 1 to 64 printable ASCII characters) authorises a session
 * on the vehicle connected now, and answers it;</li>
 * <li>{@code stop} ends the running session, releases the connector, and answers the ended session. The word is
 * therefore not usable as an identifier.</li>
 * </ul>
 * A refusal (no vehicle, a fault, a session already running, a malformed identifier) is a 4.00 saying why; a
 * charger that did not decide in time fails the request, and a session it had not begun on never starts.
 */
@Component(service = Point.class)
@PointPath(StandardPoint.Paths.EV_SESSIONS)
public class SessionsPoint implements Point {
    /** The argument that ends the running session. */
    static final String STOP = "stop";

    private final Charger charger;

    @Activate
    public SessionsPoint(@Reference Charger charger) {
        this.charger = charger;
    }

    @Override
    public PointInfo info() {
        return StandardPoint.EV_SESSIONS.info();
    }

    @Override
    public Reading read() {
        return charger.sessions().get();
    }

    @Override
    public Reading post(Reading argument) throws InvalidValueException, TimeoutException {
        if (!(argument.value() instanceof String text)) {
            throw new InvalidValueException("POST an identifier (1 to 64 printable ASCII characters) or \"stop\"");
        }
        Map<String, Object> answer = text.strip().toLowerCase(Locale.ROOT).equals(STOP) ? charger.stopShown()
                : charger.authorise(text);
        return Reading.structured(answer, charger.now());
    }

    @Override
    public Subscription observe(Consumer<Reading> listener) {
        return charger.sessions().subscribe(listener);
    }
}
