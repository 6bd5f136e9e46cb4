package dev.helpdesk.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * template.yaml as the local cloud needs it: the functions (handler, environment, events), the table and the
 * bus. The template is the single source of truth for routes, rules and schedules; nothing is restated here.
 */
public final class Template {
    /** A CloudFormation short-form intrinsic such as {@code !Ref X} or {@code !Sub "a-${B}"}. */
    public record Intrinsic(String function, Object argument) {
    }

    public record Function(String logicalId, String handler, Map<String, Object> environment, List<Event> events) {
    }

    /** One entry of a function's {@code Events}: its name, SAM type (HttpApi, EventBridgeRule, Schedule…) and properties. */
    public record Event(String functionId, String name, String type, Map<String, Object> properties) {
    }

    private final Map<String, Object> root;
    private final Intrinsics intrinsics;

    private Template(Map<String, Object> root, Map<String, String> parameterOverrides) {
        this.root = root;
        this.intrinsics = new Intrinsics(this, parameterOverrides);
    }

    public static Template parse(String yaml, Map<String, String> parameterOverrides) {
        LoaderOptions options = new LoaderOptions();
        Yaml parser = new Yaml(new IntrinsicConstructor(options));
        Map<String, Object> root = parser.load(yaml);
        return new Template(root, parameterOverrides);
    }

    public static Template load(Path path, Map<String, String> parameterOverrides) throws IOException {
        return parse(Files.readString(path), parameterOverrides);
    }

    public static Template load(InputStream in, Map<String, String> parameterOverrides) throws IOException {
        return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), parameterOverrides);
    }

    public Map<String, Object> resources() {
        return map(root.get("Resources"));
    }

    public Map<String, Object> parameters() {
        return map(root.get("Parameters"));
    }

    public Map<String, Object> resource(String logicalId) {
        return map(resources().get(logicalId));
    }

    public String resourceType(String logicalId) {
        return (String) resource(logicalId).get("Type");
    }

    public Map<String, Object> properties(String logicalId) {
        return map(resource(logicalId).get("Properties"));
    }

    public List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        resources().forEach((id, body) -> {
            if (type.equals(map(body).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A property every function inherits from {@code Globals.Function} (null when not set there). */
    public Object globalFunctionProperty(String name) {
        return map(map(root.get("Globals")).get("Function")).get(name);
    }

    public List<Function> functions() {
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
        List<Function> functions = new ArrayList<>();
        for (String id : resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> props = properties(id);
            Map<String, Object> env = new LinkedHashMap<>(globalEnv);
            env.putAll(map(map(props.get("Environment")).get("Variables")));
            List<Event> events = new ArrayList<>();
            map(props.get("Events")).forEach((name, body) -> events.add(
                    new Event(id, name, (String) map(body).get("Type"), map(map(body).get("Properties")))));
            functions.add(new Function(id, (String) props.get("Handler"), env, events));
        }
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public List<Event> events(String type) {
        return functions().stream().flatMap(f -> f.events().stream()).filter(e -> e.type().equals(type)).toList();
    }

    /** Resolves intrinsics ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, pseudo parameters) to local values. */
    public String resolve(Object value) {
        return intrinsics.resolve(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** SnakeYAML constructor that keeps CloudFormation's {@code !} tags as {@link Intrinsic} values. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String function = node.getTag().getValue().substring(1);
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else {
                        argument = constructMapping((MappingNode) node);
                    }
                    return new Intrinsic(function, argument);
                }
            });
        }
    }
}
