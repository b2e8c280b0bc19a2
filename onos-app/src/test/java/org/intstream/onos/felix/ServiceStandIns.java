package org.intstream.onos.felix;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * ONOS services as dynamic proxies of the interfaces loaded from the onos-api bundle (the test's own copy of
 * onos-api is another class space), registered through the system bundle's context as an ONOS service
 * bundle would register them. Every call is recorded; a call answers with an explicit answer when one is
 * given, else with an empty value: an empty Optional or collection, zero, false, the proxy itself for a
 * builder method, a further such proxy for another interface, null otherwise.
 */
final class ServiceStandIns {
    private final BundleContext context;
    private final Bundle api;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Object[], Object>> answers = new HashMap<>();
    private final List<Bundle> more = new ArrayList<>();

    ServiceStandIns(BundleContext context, Bundle api) {
        this.context = context;
        this.api = api;
    }

    /** The answer to {@code Interface.method} (simple names), given the call's arguments. */
    ServiceStandIns answer(String call, Function<Object[], Object> answer) {
        answers.put(call, answer);
        return this;
    }

    /** Service interfaces are looked up in onos-api first, then in these bundles (e.g. ONOS's P4Runtime API). */
    ServiceStandIns alsoFrom(Bundle bundle) {
        more.add(bundle);
        return this;
    }

    Class<?> apiClass(String name) throws ClassNotFoundException {
        try {
            return api.loadClass(name);
        } catch (ClassNotFoundException e) {
            for (Bundle b : more) {
                try {
                    return b.loadClass(name);
                } catch (ClassNotFoundException notThere) {
                    // the next one
                }
            }
            throw e;
        }
    }

    /** Registers a stand-in for the named service interface of the API bundle. */
    void register(String serviceInterface) throws ClassNotFoundException {
        Class<?> type = apiClass(serviceInterface);
        context.registerService(serviceInterface, proxy(type), null);
    }

    /** A stand-in for any interface of the API bundle, answering as a registered service does. */
    Object standIn(String apiInterface) throws ClassNotFoundException {
        return proxy(apiClass(apiInterface));
    }

    /** Calls as {@code Interface.method}, in order. */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    private Object proxy(Class<?> type) {
        return Proxy.newProxyInstance(loaderFor(type), new Class<?>[] {type}, new Handler(type));
    }

    /**
     * The interface's own bundle when it sees every type its methods name (onos-api's do); else a loader that
     * takes each class from the bundle that holds it (P4RuntimeController's methods name io.grpc and onos-api
     * types its bundle does not import, and Felix's implicit boot delegation would answer those from the test
     * class path).
     */
    private ClassLoader loaderFor(Class<?> type) {
        if (more.isEmpty() || type.getClassLoader() == apiLoader()) {
            return type.getClassLoader();
        }
        List<Bundle> holders = new ArrayList<>(more);
        holders.add(0, api);
        return new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                String entry = name.replace('.', '/') + ".class";
                for (Bundle b : holders) {
                    if (b.getEntry(entry) != null) {
                        return b.loadClass(name);
                    }
                }
                throw new ClassNotFoundException(name + " is in none of " + holders);
            }
        };
    }

    private ClassLoader apiLoader() {
        try {
            return api.loadClass("org.onosproject.net.DeviceId").getClassLoader();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("onos-api without DeviceId", e);
        }
    }

    private final class Handler implements InvocationHandler {
        private final Class<?> type;

        Handler(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "toString":
                    return "stand-in " + type.getSimpleName();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    break;
            }
            String call = type.getSimpleName() + "." + method.getName();
            calls.add(call);
            Function<Object[], Object> answer = answers.get(call);
            if (answer != null) {
                return answer.apply(args == null ? new Object[0] : args);
            }
            return empty(proxy, method.getReturnType());
        }

        private Object empty(Object proxy, Class<?> r) {
            if (r == void.class) {
                return null;
            }
            if (r == boolean.class) {
                return false;
            }
            if (r.isPrimitive()) {
                return r == long.class ? 0L : r == double.class ? 0.0 : r == float.class ? 0f
                        : r == char.class ? (char) 0 : r == byte.class ? (byte) 0 : r == short.class ? (short) 0 : 0;
            }
            if (r == Optional.class) {
                return Optional.empty();
            }
            if (r == java.util.Set.class) {
                return Collections.emptySet();
            }
            if (r == List.class || r == java.util.Collection.class || r == Iterable.class) {
                return Collections.emptyList();
            }
            if (r == Map.class) {
                return Collections.emptyMap();
            }
            if (r.isInterface() && r.isAssignableFrom(type)) {
                return proxy;
            }
            if (r.isInterface() && r.getClassLoader() == type.getClassLoader()) {
                return proxy(r);
            }
            return null;
        }
    }
}
