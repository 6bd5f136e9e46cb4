package dev.helpdesk.config;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.DefaultApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils;
import io.micronaut.inject.BeanDefinitionReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Micronaut context a function runs in: lazy singletons, and only the bean definitions a function can use.
 *
 * <p><b>Lazy singletons.</b> micronaut-function-aws's builder asks for eager singletons, and in Micronaut 4
 * {@code eagerInitSingletons(false)} cannot undo that (it only ever adds {@code @Singleton} to the eagerly built
 * annotations). So every function built every bean of {@link HelpdeskFactory} at init: ingest built the Bedrock and
 * EventBridge clients it never calls (measured: the first SDK client alone costs about 240 ms of a cold start). This
 * builder never asks for eager beans; what a handler injects is still built in its constructor, during Lambda's init.
 *
 * <p><b>Only the bean definitions a function can use.</b> Micronaut loads the class of every bean definition on the
 * class path when the context starts, needed or not. micronaut-function brings micronaut-http and micronaut-context
 * brings the runtime: about 90 definitions of HTTP codecs, SSL settings, schedulers, file watchers and JSON codecs that
 * no function here touches (their classes cost about 140 ms of every cold start, measured). The functions use
 * Micronaut for dependency injection only, so the context reads our definitions and those of Micronaut's injection
 * core and its Lambda integration ({@link #USED}); the rest stay unloaded. Micronaut AOT does the same at build time,
 * but needs Micronaut's own Maven plugin and parent.
 */
final class FunctionContextBuilder extends DefaultApplicationContextBuilder {
    /** Packages whose bean definitions a function can use: ours, and Micronaut's injection core and Lambda support. */
    static final Set<String> USED = Set.of("dev.helpdesk.", "io.micronaut.context.", "io.micronaut.inject.",
            "io.micronaut.aop.", "io.micronaut.function.");

    FunctionContextBuilder() {
        // The environments micronaut-function-aws sets, without its eager beans.
        environments(Environment.FUNCTION, "lambda");
    }

    @Override
    protected ApplicationContext newApplicationContext() {
        return new FunctionContext(this);
    }

    static boolean used(String beanDefinition) {
        return USED.stream().anyMatch(beanDefinition::startsWith);
    }

    private static final class FunctionContext extends DefaultApplicationContext {
        private List<BeanDefinitionReference> references;

        FunctionContext(ApplicationContextConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected List<BeanDefinitionReference> resolveBeanDefinitionReferences() {
            if (references == null) {
                references = load(getClassLoader());
            }
            return references;
        }

        private static List<BeanDefinitionReference> load(ClassLoader classLoader) {
            Set<String> names;
            try {
                names = MicronautMetaServiceLoaderUtils.findMicronautMetaServiceEntries(classLoader, BeanDefinitionReference.class.getName());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the bean definitions", e);
            }
            List<BeanDefinitionReference> found = new ArrayList<>();
            for (String name : names) {
                if (!used(name)) {
                    continue;
                }
                try {
                    BeanDefinitionReference reference = (BeanDefinitionReference) Class.forName(name, true, classLoader)
                            .getDeclaredConstructor().newInstance();
                    if (reference.isPresent()) {
                        found.add(reference);
                    }
                } catch (ReflectiveOperationException | LinkageError absent) {
                    // As Micronaut does: a definition whose classes are not on the class path (javax.inject) is skipped.
                }
            }
            return found;
        }
    }
}
