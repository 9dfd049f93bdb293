import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The floor of the site's web server (bench/run.sh, run by hand): the same embedded Tomcat the
 * site runs (the jar's own tomcat-embed-core), with one servlet that answers every request with
 * one page's pre-compressed bytes: no Spring, no filters, no access log, no metrics. What the
 * site's kept page costs beyond this row is the site's; what this row costs beyond nginx is Tomcat's.
 *
 *   java -Djarmode=tools -jar target/bestever-*.jar extract --destination /tmp/x
 *   java -cp '/tmp/x/lib/*' bench/BareTomcat.java PORT review.html.gz THREADS
 */
public class BareTomcat {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] gzipped = Files.readAllBytes(Path.of(args[1]));
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;

        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("bare-tomcat").toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxThreads", Integer.toString(threads));
        connector.setProperty("minSpareThreads", Integer.toString(threads));
        connector.setProperty("maxKeepAliveRequests", "-1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "page", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/html;charset=UTF-8");
                response.setHeader("Content-Encoding", "gzip");
                response.setHeader("Vary", "Accept-Encoding");
                response.setContentLength(gzipped.length);
                response.getOutputStream().write(gzipped);
            }
        });
        context.addServletMappingDecoded("/*", "page");
        tomcat.start();
        tomcat.getServer().await();
    }
}
