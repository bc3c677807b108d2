package org.estate.platform.storage;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the data folder ({@code ESTATE_DATA_DIR}) and every file in it readable by their owner
 * only: the embedded database holds password and token hashes. However Estate is started
 * ({@code ./estate run} sets {@code umask 077}; {@code java -jar} may run with any umask), this
 * runs before the datasource opens (a bean factory post-processor): it creates the folder as
 * {@code rwx------}, makes what is there {@code rw-------}, and watches the folder so that files
 * created later (by H2 or by Estate) are made owner-only as they appear. The folder's own mode
 * already keeps other users out in the moment between a file's creation and its fix.
 * On file systems without POSIX permissions (Windows) it does nothing but say so.
 */
@Component
class DataDirectoryPermissions implements BeanFactoryPostProcessor, EnvironmentAware, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryPermissions.class);
    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Environment environment;
    private volatile WatchService watcher;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Path dir = Path.of(environment.getProperty("estate.data-dir", "./data")).toAbsolutePath().normalize();
        String url = environment.getProperty("spring.datasource.url", "");
        try {
            if (!Files.isDirectory(dir)) {
                if (!url.startsWith("jdbc:h2:file:")) {
                    return; // no embedded database, no folder to keep
                }
                if (!posix(nearestExisting(dir))) {
                    log.info("The file system of {} has no POSIX permissions: its files' access is left to the system", dir);
                    Files.createDirectories(dir);
                    return;
                }
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            if (!posix(dir)) {
                log.info("The file system of {} has no POSIX permissions: its files' access is left to the system", dir);
                return;
            }
            watch(dir);
            secure(dir);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not make the data folder {} readable by its owner only: {}", dir, e.toString());
        }
    }

    /** Makes {@code dir} and everything under it owner-only. */
    static void secure(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                fix(p);
            }
        }
    }

    private static void fix(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return; // never follow a link out of the folder
            }
            Set<PosixFilePermission> wanted = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE;
            if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                Files.setPosixFilePermissions(p, wanted);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // a temporary file that came and went
        } catch (IOException e) {
            log.warn("Could not make {} readable by its owner only: {}", p, e.toString());
        }
    }

    private void watch(Path dir) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE);
        watcher = service;
        Thread thread = new Thread(() -> loop(service, dir), "estate-data-folder-permissions");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loop(WatchService service, Path dir) {
        while (true) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return; // Estate is stopping
            }
            try {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        secure(dir);
                    } else if (event.context() instanceof Path name) {
                        Path created = ((Path) key.watchable()).resolve(name);
                        if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
                            created.register(service, StandardWatchEventKinds.ENTRY_CREATE);
                            secure(created);
                        } else {
                            fix(created);
                        }
                    }
                }
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (IOException | java.io.UncheckedIOException e) {
                log.debug("A file in the data folder changed while its permissions were fixed: {}", e.toString());
            }
            key.reset();
        }
    }

    private static Path nearestExisting(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q)) {
            q = q.getParent();
        }
        return q == null ? p.getRoot() : q;
    }

    private static boolean posix(Path existing) throws IOException {
        return Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    @Override
    public void destroy() throws IOException {
        WatchService service = watcher;
        if (service != null) {
            service.close();
        }
    }
}
