package id.pahlawanpangan.gateway.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** What a test reads off the dispatcher page in the browser: its markers, its state, its header. */
public final class DispatcherPage {
    /** A script for {@link HeadlessChromium#evaluate}: the page's state as one JSON object. */
    public static final String STATE = """
            (() => {
              const m = window.panganMap;
              const ids = (selector) => [...document.querySelectorAll(selector)].map((e) => e.getAttribute('data-offer-id')).sort();
              return {
                offerMarkers: ids('path.offer-marker'),
                escalatedMarkers: ids('path.offer-marker.offer-escalated'),
                ngoMarkers: document.querySelectorAll('path.ngo-marker').length,
                ngoReach: document.querySelectorAll('path.ngo-reach').length,
                offers: m ? [...m.offers.keys()].sort() : [],
                ngos: m ? [...m.ngos.keys()].sort() : [],
                events: m ? m.events : null,
                header: ['count-open', 'count-escalated', 'count-ngos'].map((id) => document.getElementById(id).textContent),
                connection: document.getElementById('conn').dataset.state,
                outline: document.querySelectorAll('.leaflet-land-pane path').length,
                search: location.search,
              };
            })()""";

    private DispatcherPage() {}

    /** The texts of a JSON array of the state. */
    public static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
