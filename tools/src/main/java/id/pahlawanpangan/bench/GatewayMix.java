package id.pahlawanpangan.bench;

import id.pahlawanpangan.events.SourceStream;
import id.pahlawanpangan.events.Times;
import id.pahlawanpangan.workload.AppEvents;
import java.util.Random;

/**
 * The requests of the gateway benchmark, in the order they go out: of every 10, 7 providers
 * posting offers ({@code POST /v1/offers}), 2 NGOs publishing their availability
 * ({@code PUT /v1/ngos/{id}/availability}) and 1 NGO claiming a recently posted offer
 * ({@code POST /v1/offers/{id}/claim}), each with the key of the client the body or path names.
 *
 * <p>Every other offer carries an {@code Idempotency-Key} (its offer id), and every
 * {@value #REPEAT_EVERY}th offer request is a provider's retry of the keyed offer before it: the
 * same body and key again, which the gateway answers 2xx without a second message in the stream.
 * Every other claim carries a key of its own too (never repeated). Not thread-safe: the load's one thread asks.
 */
final class GatewayMix {
    enum Kind {
        OFFER(SourceStream.OFFERS), AVAILABILITY(SourceStream.NGOS), CLAIM(SourceStream.CLAIMS);

        /** The input stream its messages land on. */
        final SourceStream stream;

        Kind(SourceStream stream) {
            this.stream = stream;
        }
    }

    /** One HTTP request; {@code idempotencyKey} null: none; {@code repeat}: a retry, not a new message. */
    record Request(Kind kind, String method, String path, String body, String key, String idempotencyKey, boolean repeat) {
        Request asRepeat() {
            return new Request(kind, method, path, body, key, idempotencyKey, true);
        }
    }

    /** 7 offers, 2 availabilities, 1 claim; spread so that no kind comes in a long run. */
    static final Kind[] PATTERN = {Kind.OFFER, Kind.AVAILABILITY, Kind.OFFER, Kind.OFFER, Kind.CLAIM,
        Kind.OFFER, Kind.OFFER, Kind.AVAILABILITY, Kind.OFFER, Kind.OFFER};
    static final int REPEAT_EVERY = 50;
    /** Claims go to one of the last this many offers. */
    private static final int RECENT = 1024;

    private final AppEvents events;
    private final GatewayClients clients;
    private final String runToken;
    private final Random random;
    private final String[] recentOffers = new String[RECENT];
    private long requests;
    private long offerRequests;
    private long offersPosted;
    private long claims;
    private Request lastKeyedOffer;

    /** {@code runToken}: prefixes the offer ids, so that runs do not share them. */
    GatewayMix(AppEvents events, GatewayClients clients, String runToken, long seed) {
        this.events = events;
        this.clients = clients;
        this.runToken = runToken;
        this.random = new Random(seed);
    }

    static Kind kindOf(long index) {
        return PATTERN[(int) (index % PATTERN.length)];
    }

    /** The next request, its body dated {@code now} (epoch ms). */
    Request next(long now) {
        Kind kind = kindOf(requests++);
        switch (kind) {
            case OFFER:
                return offer(now);
            case AVAILABILITY:
                int ngo = random.nextInt(clients.ngoCount());
                GatewayClients.Keyed n = clients.ngo(ngo);
                return new Request(kind, "PUT", "/v1/ngos/" + n.id() + "/availability", events.availability(ngo, now), n.key(), null, false);
            default:
                return claim(now);
        }
    }

    private Request offer(long now) {
        long n = offerRequests++;
        if (n % REPEAT_EVERY == REPEAT_EVERY - 1 && lastKeyedOffer != null) {
            return lastKeyedOffer.asRepeat();
        }
        int provider = random.nextInt(clients.providerCount());
        GatewayClients.Keyed p = clients.provider(provider);
        String offerId = String.format("%s-%07d", runToken, offersPosted);
        recentOffers[(int) (offersPosted % RECENT)] = offerId;
        boolean keyed = offersPosted % 2 == 0;
        offersPosted++;
        Request r = new Request(Kind.OFFER, "POST", "/v1/offers", events.offer(provider, offerId, now), p.key(), keyed ? offerId : null, false);
        if (keyed) {
            lastKeyedOffer = r;
        }
        return r;
    }

    private Request claim(long now) {
        String offerId = recentOffers[random.nextInt((int) Math.min(offersPosted, RECENT))];
        GatewayClients.Keyed n = clients.ngo(random.nextInt(clients.ngoCount()));
        long claim = claims++;
        // a key of its own: the same NGO may claim the same offer twice, and a shared key would make the second a duplicate
        String key = claim % 2 == 0 ? "claim-" + offerId + "-" + claim : null;
        return new Request(Kind.CLAIM, "POST", "/v1/offers/" + offerId + "/claim", "{\"event_time\":\"" + Times.format(now) + "\"}",
                n.key(), key, false);
    }
}
