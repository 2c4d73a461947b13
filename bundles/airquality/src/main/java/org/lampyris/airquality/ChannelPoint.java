package org.lampyris.airquality;

import org.lampyris.api.point.FollowingPoint;
import org.lampyris.api.point.Reading;
import org.lampyris.api.point.StandardPoint;
import org.lampyris.hal.air.AirChannel;

/**
 * The latest valid reading of one sensor channel, in the channel's unit, as the sensor gave it. A channel that is
 * not ok reads as unavailable, with its health and reason in the error.
 */
abstract class ChannelPoint extends FollowingPoint<AirState> {
    private final AirChannel channel;

    ChannelPoint(StandardPoint standard, AirChannel channel) {
        super(standard);
        this.channel = channel;
    }

    @Override
    protected Reading extract(AirState state) throws ReadingUnavailableException {
        ChannelReading reading = state.channel(channel);
        if (!reading.valid()) {
            throw new ReadingUnavailableException(ChannelReading.label(channel) + " unavailable ("
                    + reading.health().text() + "): " + reading.reason());
        }
        return Reading.of(reading.value(), state.time());
    }
}
