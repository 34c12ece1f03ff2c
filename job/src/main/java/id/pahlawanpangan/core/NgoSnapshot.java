package id.pahlawanpangan.core;

import id.pahlawanpangan.events.Category;
import id.pahlawanpangan.events.InputEvent;

/** An NGO's latest availability: a full snapshot that replaces the previous one. */
public class NgoSnapshot {
    public String ngoId;
    public double lat;
    public double lon;
    public double radiusKm;
    public double capacityKg;
    /** {@link Category} bit mask. */
    public int accepts;
    public boolean halalOnly;
    public boolean vegetarianOnly;
    public boolean hasColdChain;
    public boolean active;
    public long eventTime;

    public NgoSnapshot() {}

    public static NgoSnapshot of(InputEvent e) {
        NgoSnapshot n = new NgoSnapshot();
        n.ngoId = e.ngoId;
        n.lat = e.lat;
        n.lon = e.lon;
        n.radiusKm = e.radiusKm;
        n.capacityKg = e.capacityKg;
        n.accepts = e.accepts;
        n.halalOnly = e.halalOnly;
        n.vegetarianOnly = e.vegetarianOnly;
        n.hasColdChain = e.hasColdChain;
        n.active = e.active;
        n.eventTime = e.eventTime;
        return n;
    }

    /** Whether the event offers what this snapshot does: everything but its time is the same. */
    public boolean sameAvailability(InputEvent e) {
        return ngoId.equals(e.ngoId)
                && Double.compare(lat, e.lat) == 0
                && Double.compare(lon, e.lon) == 0
                && Double.compare(radiusKm, e.radiusKm) == 0
                && Double.compare(capacityKg, e.capacityKg) == 0
                && accepts == e.accepts
                && halalOnly == e.halalOnly
                && vegetarianOnly == e.vegetarianOnly
                && hasColdChain == e.hasColdChain
                && active == e.active;
    }

    @Override
    public String toString() {
        return ngoId + "@" + eventTime + "(" + lat + "," + lon + " r=" + radiusKm + " cap=" + capacityKg + (active ? "" : " inactive") + ")";
    }
}
