import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.eclipse.osgi.container.Module;
import org.eclipse.osgi.report.resolution.ResolutionReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Resolves every bundle of an Eclipse installation in Equinox, as its launcher would: the bundles of
 * configuration/org.eclipse.equinox.simpleconfigurator/bundles.info are installed in a fresh framework
 * (its own storage, nothing started) and resolved. Prints the requirement of each bundle that does not
 * resolve (the framework's resolution report) and exits 1 then, or when one of the named bundles is missing.
 * Run with the installation's own framework on the class path:
 * {@code java -cp INSTALL/plugins/org.eclipse.osgi_*.jar ResolveCheck.java INSTALL [BUNDLE ...]}.
 */
public final class ResolveCheck {

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("usage: ResolveCheck INSTALL_DIR [EXPECTED_BUNDLE ...]");
			System.exit(2);
		}
		Path install = Path.of(args[0]).toAbsolutePath();
		Path info = install.resolve("configuration/org.eclipse.equinox.simpleconfigurator/bundles.info");
		if (!Files.isRegularFile(info)) {
			System.err.println("ResolveCheck: " + info + " does not exist: not an installation made by p2");
			System.exit(2);
		}
		Path storage = Files.createTempDirectory("resolve-check");
		Map<String, String> config = new HashMap<>();
		config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
		config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
		config.put("osgi.ws", "gtk");
		Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
				.orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path")).newFramework(config);
		framework.init();
		int failures = 0;
		try {
			Map<String, Bundle> bundles = new TreeMap<>();
			for (String line : Files.readAllLines(info)) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] row = line.split(",");
				if (row[0].equals("org.eclipse.osgi")) {
					continue; // the framework itself
				}
				Path location = install.resolve(row[2]);
				if (!Files.exists(location)) {
					System.out.println("MISSING  " + row[0] + " " + row[1] + ": bundles.info names " + location + ", which does not exist");
					failures++;
					continue;
				}
				bundles.put(row[0], framework.getBundleContext().installBundle("reference:" + location.toUri()));
			}
			framework.adapt(FrameworkWiring.class).resolveBundles(null);
			List<String> unresolved = new ArrayList<>();
			for (Bundle b : bundles.values()) {
				if (b.getState() == Bundle.INSTALLED) {
					unresolved.add(b.getSymbolicName() + " " + b.getVersion() + ": " + reason(b));
				}
			}
			for (String u : unresolved) {
				System.out.println("UNRESOLVED  " + u);
			}
			failures += unresolved.size();
			for (int i = 1; i < args.length; i++) {
				Bundle b = bundles.get(args[i]);
				if (b == null) {
					System.out.println("MISSING  " + args[i] + ": not installed in " + install);
					failures++;
				} else if (b.getState() != Bundle.INSTALLED) {
					System.out.println("ok  " + args[i] + " " + b.getVersion() + " resolved");
				}
			}
			System.out.println("ResolveCheck: " + bundles.size() + " bundles installed, " + unresolved.size() + " unresolved, "
					+ (args.length - 1) + " expected bundles checked, " + failures + " problem(s)");
		} finally {
			framework.stop();
			framework.waitForStop(10_000);
		}
		System.exit(failures == 0 ? 0 : 1);
	}

	/** Equinox's resolution report for the bundle: the requirement it cannot satisfy, and why. */
	private static String reason(Bundle b) {
		Module module = b.adapt(Module.class);
		ResolutionReport report = module.getContainer().resolve(List.of(module), false);
		String message = report.getResolutionReportMessage(module.getCurrentRevision());
		return message == null || message.isBlank() ? "no reason given by the framework" : message.replace('\n', ' ').replaceAll(" +", " ");
	}
}
