package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sums add up across instances: {@link AgreementStatsTest}'s units split between two
 * "instances" give the same hand-computed figures once their sums are added, also after the sums
 * travelled as JSON (as {@code GET /v1/agreement?scope=local} sends them).
 */
class AgreementSumsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldGiveTheWholeFiguresFromTheSumsOfSplitUnits() {
        AgreementSums one =
                AgreementStats.sums(
                        AgreementStatsTest.PAIRS.subList(0, 1),
                        AgreementStatsTest.RATINGS.subList(0, 2));
        AgreementSums two =
                AgreementStats.sums(
                        AgreementStatsTest.PAIRS.subList(1, 3),
                        AgreementStatsTest.RATINGS.subList(2, 3));

        AgreementStatsTest.assertHandComputed(one.plus(two).report());
        AgreementStatsTest.assertHandComputed(two.plus(one).report());
        assertThat(one.report().overall().pairs()).isEqualTo(1);
    }

    @Test
    void shouldSurviveTheTripAsJson() throws Exception {
        AgreementSums sums =
                AgreementStats.sums(AgreementStatsTest.PAIRS, AgreementStatsTest.RATINGS);

        AgreementSums back = JSON.readValue(JSON.writeValueAsString(sums), AgreementSums.class);

        assertThat(back).isEqualTo(sums);
        assertThat(JSON.writeValueAsString(back.report()))
                .isEqualTo(JSON.writeValueAsString(sums.report()));
    }

    @Test
    void shouldAddNothingWithEmptySums() {
        AgreementSums sums =
                AgreementStats.sums(AgreementStatsTest.PAIRS, AgreementStatsTest.RATINGS);

        assertThat(AgreementSums.EMPTY.plus(sums)).isEqualTo(sums);
        assertThat(AgreementSums.EMPTY.report().objectives()).isEmpty();
        assertThat(AgreementSums.EMPTY.report().overall().alpha()).isNull();
        assertThat(AgreementStats.sums(List.of(), List.of())).isEqualTo(AgreementSums.EMPTY);
    }
}
