package org.jetbrains.jps.javac;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Test double of IntelliJ's (JPS) {@code org.jetbrains.jps.javac.APIWrappers}: IntelliJ 2020.3+
 * hands annotation processors a dynamic proxy of the {@code ProcessingEnvironment}, and this
 * class's static {@code unwrap(Class, Object)} gives back the object behind it. The processor
 * finds that method reflectively through the proxy's class loader, as it would find IntelliJ's.
 */
public final class APIWrappers {

  private APIWrappers() {}

  /** A dynamic proxy of {@code iface} that forwards every call to {@code delegate}. */
  public static <T> T wrap(Class<T> iface, T delegate) {
    return iface.cast(Proxy.newProxyInstance(
        APIWrappers.class.getClassLoader(), new Class<?>[] {iface}, new Forwarder(delegate)));
  }

  /** The object behind a proxy made by {@link #wrap}; anything else is returned as is. */
  public static <T> T unwrap(Class<T> ifaceClass, T instance) {
    if (instance != null && Proxy.isProxyClass(instance.getClass())) {
      InvocationHandler handler = Proxy.getInvocationHandler(instance);
      if (handler instanceof Forwarder && ifaceClass.isInstance(((Forwarder) handler).delegate)) {
        return ifaceClass.cast(((Forwarder) handler).delegate);
      }
    }
    return instance;
  }

  private static final class Forwarder implements InvocationHandler {
    final Object delegate;

    Forwarder(Object delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
