package io.rewardloop.feedback.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rewardloop.common.RewardLoopException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The streaming codec writes what data binding wrote before it (the stores and repartition records
 * of an earlier release read back) and reads it again.
 */
class AgreementJsonTest {

    private static final ObjectMapper DATA_BINDING = new ObjectMapper();

    @Test
    void shouldWriteAnAnswerAsDataBindingDid() throws Exception {
        for (Answer answer :
                new Answer[] {
                    new Answer("helpfulness", "ann \"1\"", Unit.FIRST),
                    new Answer(AgreementTopology.NO_OBJECTIVE, "b", Unit.TIE),
                    new Answer("safety", "c", 0.25),
                    new Answer("safety", "d", 1.0),
                    new Answer(null, "e", 0.0)
                }) {
            String json = answer.toJson();
            assertThat(json).isEqualTo(DATA_BINDING.writeValueAsString(answer));
            assertThat(Answer.fromJson(json)).isEqualTo(answer);
        }
    }

    @Test
    void shouldWriteAUnitAsDataBindingDid() throws Exception {
        Unit unit =
                new Unit(
                        "helpfulness", Map.of("b", Unit.SECOND, "a", Unit.FIRST, "ü/\n", Unit.TIE));
        Unit ratings = new Unit("safety", Map.of("a", 0.5, "b", 1.0, "c", 0.0));
        for (Unit each : new Unit[] {unit, ratings, Unit.empty()}) {
            String json = each.toJson();
            assertThat(json).isEqualTo(DATA_BINDING.writeValueAsString(each));
            assertThat(Unit.fromJson(json)).isEqualTo(each);
        }
        assertThat(Unit.fromJson(ratings.toJson()).answers().get("a")).isEqualTo(0.5);
    }

    @Test
    void shouldReadARatingWrittenAsAnInteger() {
        assertThat(Unit.fromJson("{\"objective\":\"o\",\"answers\":{\"a\":1}}").answers())
                .containsEntry("a", 1.0);
    }

    @Test
    void shouldRejectWhatIsNotAnAnswer() {
        assertThatThrownBy(() -> Answer.fromJson("{\"objective\":\"o\",\"answer\":[1]}"))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("cannot decode agreement answer");
        assertThatThrownBy(() -> Unit.fromJson("[]"))
                .isInstanceOf(RewardLoopException.class)
                .hasMessageContaining("cannot decode agreement unit");
    }
}
