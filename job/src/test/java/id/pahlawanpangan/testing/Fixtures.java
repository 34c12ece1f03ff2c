package id.pahlawanpangan.testing;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;
import id.pahlawanpangan.events.InputType;
import id.pahlawanpangan.events.MatchEvent;
import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.geo.GreatCircle;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Events for tests that read like the contract: an offer in central Jakarta at {@link #T0}, NGOs
 * placed a given distance from it. Each fixture numbers its events within their streams, as the
 * job's sources do.
 */
public final class Fixtures {
    public static final long T0 = Times.parse("2026-11-25T09:00:00Z");
    public static final long SECOND = 1000L;
    public static final long MINUTE = 60 * SECOND;
    public static final long HOUR = 60 * MINUTE;
    public static final double JAKARTA_LAT = -6.2;
    public static final double JAKARTA_LON = 106.85;
    /** The shard key of harness tests that drive one cell directly. */
    public static final long CELL = 42L;

    private final Map<SourceStream, Long> nextSeq = new EnumMap<>(SourceStream.class);

    public static long at(Duration sinceT0) {
        return T0 + sinceT0.toMillis();
    }

    public static long minutes(double m) {
        return T0 + Math.round(m * MINUTE);
    }

    /** An offer of 10 kg of halal cooked meals in Jakarta, posted at T0, expiring 4 hours later. */
    public Offer offer(String offerId) {
        return new Offer(offerId);
    }

    /** An active NGO 2 km east of Jakarta's centre, radius 5 km, 100 kg free, accepting everything. */
    public Ngo ngo(String ngoId) {
        return new Ngo(ngoId);
    }

    public InputEvent claimAccepted(String offerId, String ngoId, long at) {
        return claim(InputType.CLAIM_ACCEPTED, offerId, ngoId, at);
    }

    public InputEvent claimDeclined(String offerId, String ngoId, long at) {
        return claim(InputType.CLAIM_DECLINED, offerId, ngoId, at);
    }

    public InputEvent pickup(String offerId, String ngoId, double kg, long at) {
        InputEvent e = claim(InputType.PICKUP_COMPLETED, offerId, ngoId, at);
        e.pickedKg = kg;
        return e;
    }

    public InputEvent cancelled(String offerId, String providerId, long at) {
        InputEvent e = new InputEvent();
        e.type = InputType.OFFER_CANCELLED;
        e.offerId = offerId;
        e.providerId = providerId;
        e.eventTime = at;
        e.payload = "{\"type\":\"offer.cancelled\",\"offer_id\":\"" + offerId + "\"}";
        return numbered(e);
    }

    private InputEvent claim(InputType type, String offerId, String ngoId, long at) {
        InputEvent e = new InputEvent();
        e.type = type;
        e.offerId = offerId;
        e.ngoId = ngoId;
        e.eventTime = at;
        return numbered(e);
    }

    private InputEvent numbered(InputEvent e) {
        e.stream = e.type.stream();
        e.seq = nextSeq.merge(e.stream, 1L, Long::sum); // from 1, as JetStream numbers messages
        e.cell = CELL;
        return e;
    }

    /** A point {@code km} due east of another, on the contract's sphere. */
    public static double[] east(double lat, double lon, double km) {
        double dLon = Math.toDegrees(2 * Math.asin(Math.sin(km / (2 * GreatCircle.EARTH_RADIUS_KM)) / Math.cos(Math.toRadians(lat))));
        return new double[] {lat, lon + dLon};
    }

    /** A compact, readable line for an output event: {@code proposed ngo-a #1 tier 1 @+0m}. */
    public static String describe(MatchEvent e) {
        StringBuilder b = new StringBuilder(e.type.wireName().replaceFirst("^offer\\.", ""));
        if (e.ngoId != null) {
            b.append(' ').append(e.ngoId);
        }
        if (e.attempt != null) {
            b.append(" #").append(e.attempt);
        }
        if (e.tier != null) {
            b.append(" tier ").append(e.tier);
        }
        if (e.reason != null) {
            b.append(' ').append(e.reason);
        }
        if (e.pickedKg != null) {
            b.append(' ').append(e.pickedKg).append(" kg");
        }
        b.append(" @").append(offset(e.at));
        if (e.holdUntil != null) {
            b.append(" until ").append(offset(e.holdUntil));
        }
        return b.toString();
    }

    /** Time since T0 as {@code +12m} or {@code +12m30s} or {@code +12m0.001s}. */
    public static String offset(long t) {
        long d = t - T0;
        String sign = d < 0 ? "-" : "+";
        d = Math.abs(d);
        long m = d / MINUTE;
        long rest = d % MINUTE;
        if (rest == 0) {
            return sign + m + "m";
        }
        return rest % SECOND == 0 ? sign + m + "m" + rest / SECOND + "s" : sign + m + "m" + (rest / 1000.0) + "s";
    }

    public final class Offer {
        private final InputEvent e = new InputEvent();

        Offer(String offerId) {
            e.type = InputType.OFFER_POSTED;
            e.offerId = offerId;
            e.providerId = "prov-1";
            e.lat = JAKARTA_LAT;
            e.lon = JAKARTA_LON;
            e.category = Category.COOKED_MEAL;
            e.quantityKg = 10;
            e.halal = true;
            e.eventTime = T0;
            e.readyAt = T0;
            e.expiresAt = T0 + 4 * HOUR;
        }

        public Offer postedAt(long t) {
            long shelf = e.expiresAt - e.eventTime;
            e.eventTime = t;
            e.readyAt = t;
            e.expiresAt = t + shelf;
            return this;
        }

        public Offer expiresAt(long t) {
            e.expiresAt = t;
            return this;
        }

        public Offer by(String providerId) {
            e.providerId = providerId;
            return this;
        }

        public Offer category(Category c) {
            e.category = c;
            return this;
        }

        public Offer kg(double kg) {
            e.quantityKg = kg;
            return this;
        }

        public Offer halal(boolean halal) {
            e.halal = halal;
            return this;
        }

        public Offer vegetarian(boolean vegetarian) {
            e.vegetarian = vegetarian;
            return this;
        }

        public Offer needsColdChain(boolean cold) {
            e.needsColdChain = cold;
            return this;
        }

        public Offer at(double lat, double lon) {
            e.lat = lat;
            e.lon = lon;
            return this;
        }

        public InputEvent posted() {
            e.payload = "{\"type\":\"offer.posted\",\"offer_id\":\"" + e.offerId + "\"}";
            return numbered(e.copy());
        }
    }

    public final class Ngo {
        private final InputEvent e = new InputEvent();

        Ngo(String ngoId) {
            e.type = InputType.NGO_AVAILABILITY;
            e.ngoId = ngoId;
            double[] p = east(JAKARTA_LAT, JAKARTA_LON, 2);
            e.lat = p[0];
            e.lon = p[1];
            e.radiusKm = 5;
            e.capacityKg = 100;
            e.accepts = Category.maskOf(Category.values());
            e.active = true;
            e.eventTime = T0 - HOUR;
        }

        /** Places the NGO {@code km} east of the default offer location. */
        public Ngo kmFromOffer(double km) {
            double[] p = east(JAKARTA_LAT, JAKARTA_LON, km);
            e.lat = p[0];
            e.lon = p[1];
            return this;
        }

        public Ngo radius(double km) {
            e.radiusKm = km;
            return this;
        }

        public Ngo capacity(double kg) {
            e.capacityKg = kg;
            return this;
        }

        public Ngo accepts(Category... categories) {
            e.accepts = Category.maskOf(categories);
            return this;
        }

        public Ngo halalOnly() {
            e.halalOnly = true;
            return this;
        }

        public Ngo vegetarianOnly() {
            e.vegetarianOnly = true;
            return this;
        }

        public Ngo coldChain() {
            e.hasColdChain = true;
            return this;
        }

        public Ngo inactive() {
            e.active = false;
            return this;
        }

        public InputEvent availableAt(long t) {
            e.eventTime = t;
            return numbered(e.copy());
        }
    }
}
