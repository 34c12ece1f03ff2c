package id.pahlawanpangan.events;

/** The food categories of the contract; NGOs accept a set of them, kept as a bit mask. */
public enum Category {
    COOKED_MEAL("cooked_meal"),
    BAKERY("bakery"),
    PRODUCE("produce"),
    DAIRY("dairy"),
    PACKAGED("packaged"),
    FROZEN("frozen");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean isIn(int mask) {
        return (mask & bit()) != 0;
    }

    /** The category with this wire name, or null when the contract has none. */
    public static Category fromWire(String name) {
        for (Category c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        return null;
    }

    public static int maskOf(Category... categories) {
        int mask = 0;
        for (Category c : categories) {
            mask |= c.bit();
        }
        return mask;
    }
}
