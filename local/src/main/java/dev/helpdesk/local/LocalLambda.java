package dev.helpdesk.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.helpdesk.config.FunctionEnvironment;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * One function as Lambda runs it: the handler class named in template.yaml, created on first use (the cold
 * start) with its no-argument constructor, fed JSON converted to its input type the way the Java runtime does
 * (the runtime's own serialization library), its result converted back to JSON.
 */
final class LocalLambda {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionId;
    private final String handlerClass;
    private volatile RequestHandler<Object, Object> handler;
    private volatile Class<?> inputType;

    private final Map<String, String> environment;
    private final Runnable afterInvoke;

    LocalLambda(String functionId, String handlerClass, Map<String, String> environment) {
        this(functionId, handlerClass, environment, () -> { });
    }

    /**
     * @param environment what Lambda would set as this function's environment: the handler is created and invoked with
     *                    it bound ({@link FunctionEnvironment}), so its settings are its own
     * @param afterInvoke runs after each invocation (the local cloud wakes its stream pollers)
     */
    LocalLambda(String functionId, String handlerClass, Map<String, String> environment, Runnable afterInvoke) {
        this.functionId = functionId;
        this.handlerClass = handlerClass;
        this.environment = Map.copyOf(environment);
        this.afterInvoke = afterInvoke;
    }

    String functionId() {
        return functionId;
    }

    /** Invokes the handler with a JSON event and returns its JSON result ("null" for none). */
    String invoke(String eventJson) throws Exception {
        try {
            return FunctionEnvironment.with(environment, () -> Invocations.run(functionId, () -> {
                RequestHandler<Object, Object> h = handler();
                Object input = fromJson(eventJson, inputType);
                Object output = h.handleRequest(input, new LocalContext(functionId, UUID.randomUUID().toString()));
                return toJson(output);
            }));
        } finally {
            afterInvoke.run();
        }
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> handler() throws Exception {
        if (handler == null) {
            synchronized (this) {
                if (handler == null) {
                    String className = handlerClass.contains("::") ? handlerClass.substring(0, handlerClass.indexOf("::")) : handlerClass;
                    Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                    if (!RequestHandler.class.isAssignableFrom(type)) {
                        throw new IllegalStateException(className + " does not implement RequestHandler");
                    }
                    inputType = inputTypeOf(type);
                    handler = (RequestHandler<Object, Object>) type.getConstructor().newInstance();
                }
            }
        }
        return handler;
    }

    /** The {@code I} of the handler's {@code RequestHandler<I, O>}, found through its superclasses. */
    static Class<?> inputTypeOf(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Type superType = c.getGenericSuperclass();
            Class<?> found = firstTypeArgument(superType);
            if (found != null) {
                return found;
            }
            for (Type iface : c.getGenericInterfaces()) {
                if (iface instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Class<?> raw = rawClass(p.getActualTypeArguments()[0]);
                    if (raw != null) {
                        return raw;
                    }
                }
            }
        }
        return Map.class;
    }

    private static Class<?> firstTypeArgument(Type superType) {
        if (superType instanceof ParameterizedType p && p.getActualTypeArguments().length > 0) {
            return rawClass(p.getActualTypeArguments()[0]);
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object fromJson(String json, Class<?> type) throws Exception {
        if (Map.class.isAssignableFrom(type) || type == Object.class) {
            return JSON.readValue(json, Map.class);
        }
        if (type == String.class) {
            return JSON.readValue(json, String.class);
        }
        PojoSerializer serializer = LambdaEventSerializers.serializerFor(type, LocalLambda.class.getClassLoader());
        return serializer.fromJson(json);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String toJson(Object output) throws Exception {
        if (output == null) {
            return "null";
        }
        if (output instanceof Map || output instanceof String || output instanceof Number || output instanceof Boolean) {
            return JSON.writeValueAsString(output);
        }
        PojoSerializer serializer = LambdaEventSerializers.serializerFor(output.getClass(), LocalLambda.class.getClassLoader());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(output, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
