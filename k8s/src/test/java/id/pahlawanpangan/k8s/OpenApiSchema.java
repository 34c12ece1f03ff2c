package id.pahlawanpangan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The part of OpenAPI v3 validation a CRD's structural schema needs: types, enums, required
 * fields, and above all unknown fields, which the operator's API classes would silently drop.
 */
final class OpenApiSchema {
    private final JsonNode root;

    OpenApiSchema(JsonNode root) {
        this.root = root;
    }

    /** Every violation, as {@code path: problem}; empty when the document conforms. */
    List<String> violations(JsonNode document) {
        List<String> out = new ArrayList<>();
        check(document, root, "", out);
        return out;
    }

    private void check(JsonNode value, JsonNode schema, String path, List<String> out) {
        if (schema == null || schema.isMissingNode()) {
            return;
        }
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        String type = schema.path("type").asText("");
        if (!intOrString && !type.isEmpty() && !hasType(value, type)) {
            out.add(path + ": expected " + type + ", found " + value.getNodeType());
            return;
        }
        if (intOrString && !(value.isIntegralNumber() || value.isTextual())) {
            out.add(path + ": expected an integer or a string");
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                out.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            checkObject(value, schema, path, out);
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", out);
            }
        }
    }

    private void checkObject(JsonNode value, JsonNode schema, String path, List<String> out) {
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            if (properties != null && properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), fieldPath, out);
            } else if (additional != null && additional.isObject()) {
                check(field.getValue(), additional, fieldPath, out);
            } else if (!(preserveUnknown || (additional != null && additional.asBoolean(false)) || (properties == null && additional == null))) {
                out.add(fieldPath + ": unknown field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(path + ": missing required field " + required.asText());
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        switch (type) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isTextual();
            case "integer":
                return value.isIntegralNumber();
            case "number":
                return value.isNumber();
            case "boolean":
                return value.isBoolean();
            default:
                return true;
        }
    }
}
