package ru.supportgateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

import ru.supportgateway.escalation.Holder;
import ru.supportgateway.escalation.Level;
import ru.supportgateway.operator.Operator;
import ru.supportgateway.operator.OperatorRepository;
import ru.supportgateway.operator.Role;
import ru.supportgateway.testsupport.GatewayTest;

/** The directory: CSV import with per-line errors, the holders it yields, and the admin pages' access. */
@GatewayTest
class DirectoryAdminTest {

    @Autowired DirectoryCsv csv;
    @Autowired Directory directory;
    @Autowired TestRestTemplate rest;
    @Autowired OperatorRepository operators;
    @Autowired PasswordEncoder encoder;

    final String s = UUID.randomUUID().toString().substring(0, 8);

    private String file() {
        return "\uFEFFkind;code;name;parent_code;email;desk_id;deputy_name;deputy_email;director_name;director_email;responsible_name;responsible_email\n"
                + "SCHOOL;sch-" + s + ";\"МАОУ СОШ № 5; г. Тюмень\";mun-" + s + ";school5@example.org;;Иванова О.Н.;dep-" + s
                + "@school.example;Петров П.П.;dir-" + s + "@school.example;;\n"
                + "муниципалитет;mun-" + s + ";Департамент образования г. Тюмени;reg-" + s + ";;;;;;;Соколова Е.П.;mun-" + s + "@mouo.example\n"
                + "REGION;reg-" + s + ";Департамент образования и науки Тюменской области;;;;;;;;Райдер А.В.;reg-" + s + "@dep.example\n";
    }

    @Test
    void aGoodFileImportsTheTreeAndItsPeopleAndImportingAgainOnlyUpdates() {
        DirectoryCsv.Result first = csv.importCsv(file().getBytes(StandardCharsets.UTF_8));
        assertThat(first.errors()).isEmpty();
        assertThat(first.created()).isEqualTo(3);
        Organisation school = directory.findByCode("sch-" + s).orElseThrow();
        assertThat(school.name()).isEqualTo("МАОУ СОШ № 5; г. Тюмень");
        assertThat(directory.holderFor(school.id(), Level.DEPUTY)).map(Holder::email).contains("dep-" + s + "@school.example");
        assertThat(directory.holderFor(school.id(), Level.DIRECTOR)).map(Holder::name).contains("Петров П.П.");
        assertThat(directory.holderFor(school.id(), Level.MUNICIPALITY)).map(Holder::email).contains("mun-" + s + "@mouo.example");
        assertThat(directory.holderFor(school.id(), Level.DEPARTMENT)).map(Holder::email).contains("reg-" + s + "@dep.example");

        DirectoryCsv.Result again = csv.importCsv(file().replace("Петров П.П.", "Петрова А.А.").getBytes(StandardCharsets.UTF_8));
        assertThat(again.created()).isZero();
        assertThat(again.updated()).isEqualTo(3);
        assertThat(directory.holderFor(school.id(), Level.DIRECTOR)).map(Holder::name).contains("Петрова А.А.");
    }

    @Test
    void aBadFileImportsNothingAndNamesEveryBadLine() {
        String bad = "kind,code,name,parent_code,deputy_name,deputy_email,director_name,director_email,responsible_name,responsible_email\n"
                + "SCHOOL,a-" + s + ",Школа 1,,Иванова,dep@x.example,Петров,dir@x.example,,\n"
                + "ZOO,b-" + s + ",Зоопарк,,,,,,,\n"
                + "MUNICIPALITY,c-" + s + ",МОУО,,,,,,Соколова,not-an-email\n"
                + "SCHOOL,d-" + s + ",Школа 2,nowhere-" + s + ",Иванова,dep@x.example,Петров,dir@x.example,,\n";
        DirectoryCsv.Result r = csv.importCsv(bad.getBytes(StandardCharsets.UTF_8));
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).containsExactly(
                "Строка 2: для школы нужен parent_code — код муниципального органа управления образованием.",
                "Строка 3: неизвестный вид организации «ZOO» (REGION, MUNICIPALITY, SCHOOL или DESK).",
                "Строка 4: неверный или пустой адрес responsible_email «not-an-email».",
                "Строка 5: вышестоящая организация с кодом «nowhere-" + s + "» не найдена ни в файле, ни в справочнике.");
        assertThat(directory.findByCode("c-" + s)).as("nothing imported").isEmpty();

        assertThat(csv.importCsv(new byte[] {(byte) 0xC0, (byte) 0xE1, 0x0A}).errors())
                .containsExactly("Файл не в кодировке UTF-8: сохраните его как «CSV UTF-8» и загрузите снова.");
    }

    @Test
    void onlyTheAdministratorSeesTheDirectoryPages() {
        String operator = "op-" + s;
        operators.createIfAbsent(new Operator(operator, "Оператор", Role.OPERATOR, true, Set.of("feedback")), encoder.encode("pw"));
        // Anonymous: sent to the login page (the client follows the redirect).
        var anonymous = rest.getForEntity("/feedback/admin/orgs", String.class);
        assertThat(anonymous.getBody()).doesNotContain("организации и ответственные").contains("password");
        assertThat(rest.withBasicAuth(operator, "pw").getForEntity("/feedback/admin/orgs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        csv.importCsv(file().getBytes(StandardCharsets.UTF_8));
        var page = rest.withBasicAuth("admin", ru.supportgateway.testsupport.GatewayTest.ADMIN_PASSWORD)
                .getForEntity("/feedback/admin/orgs", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("МАОУ СОШ № 5; г. Тюмень").contains("Петров П.П.");
    }
}
