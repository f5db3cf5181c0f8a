"""Residents comment without an account: nothing typed is lost, the comment is stored before the thank-you page."""

from django.core.cache import cache
from django.test import override_settings

from medborgarloften.dialogues.models import Comment

from ..base import DialoguesTestCase


class CommentFormTests(DialoguesTestCase):
    def url(self):
        return self.public_url("comment_form")

    def test_the_form_asks_for_no_account_and_offers_the_named_places(self):
        response = self.client.get(self.url())
        self.assertContains(response, "Lämna en synpunkt till Östersund")
        self.assertContains(response, '<option value="%s">Stortorget</option>' % self.stortorget.pk, html=True)
        self.assertNotContains(response, "Svenstavik")

    def test_a_comment_is_stored_before_the_thank_you_page_which_shows_it(self):
        response = self.client.post(self.url(), {"text": "Mopeder kör på gångvägen vid Frösöbron.", "time_of_day": "evening",
                                                 "place": self.stortorget.pk})
        comment = Comment.objects.get(text="Mopeder kör på gångvägen vid Frösöbron.")
        self.assertRedirects(response, self.public_url("thanks"))
        self.assertEqual((comment.status, comment.place, comment.time_of_day), ("pending", self.stortorget, "evening"))
        thanks = self.client.get(self.public_url("thanks"))
        self.assertContains(thanks, "Tack för din synpunkt")
        self.assertContains(thanks, "Mopeder kör på gångvägen vid Frösöbron.")

    def test_nothing_typed_is_lost_on_a_validation_error(self):
        data = {"text": "Det är mörkt i tunneln under Rådhusgatan", "contact_name": "Eva Ek", "contact_email": "eva@example.se",
                "latitude": "63.17", "season": "winter", "feels_unsafe": "on"}
        response = self.client.post(self.url(), data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Kryssa i rutan", status_code=400)  # contact details need consent
        self.assertContains(response, "Ange både latitud och longitud", status_code=400)
        for value in ("Det är mörkt i tunneln under Rådhusgatan", "Eva Ek", "eva@example.se", "63.17"):
            self.assertContains(response, value, status_code=400)
        self.assertContains(response, '<option value="winter" selected>Vinter</option>', html=True, status_code=400)
        self.assertContains(response, 'name="feels_unsafe" id="id_feels_unsafe" checked', status_code=400)
        self.assertFalse(Comment.objects.filter(text__startswith="Det är mörkt i tunneln").exists())

    def test_with_consent_the_contact_details_are_kept(self):
        self.client.post(self.url(), {"text": "Ring mig om klottret.", "contact_phone": "070-111 22 33", "consent": "on"})
        comment = Comment.objects.get(text="Ring mig om klottret.")
        self.assertEqual(comment.contact_phone, "070-111 22 33")
        self.assertIn("aldrig", comment.contact_consent)

    def test_a_filled_honeypot_stores_nothing_but_looks_like_success(self):
        response = self.client.post(self.url(), {"text": "Köp billiga klockor", "website": "http://spam.example"})
        self.assertRedirects(response, self.public_url("thanks"))
        self.assertFalse(Comment.objects.filter(text="Köp billiga klockor").exists())

    @override_settings(RATELIMIT_ENABLE=True, COMMENT_RATE="2/h")
    def test_the_rate_limit_keeps_the_text(self):
        cache.clear()
        self.addCleanup(cache.clear)
        for i in range(2):
            self.assertEqual(self.client.post(self.url(), {"text": f"Synpunkt {i}"}).status_code, 302)
        response = self.client.post(self.url(), {"text": "Den tredje synpunkten"})
        self.assertContains(response, "Den tredje synpunkten", status_code=429)
        self.assertContains(response, "Många synpunkter har skickats", status_code=429)
        self.assertFalse(Comment.objects.filter(text="Den tredje synpunkten").exists())
        # Invalid posts do not use up the limit of others.
        self.assertEqual(Comment.objects.filter(text__startswith="Synpunkt ").count(), 2)

    def test_an_outdated_slug_redirects(self):
        response = self.client.get(f"/kommun/{self.ostersund.code}-fel-namn/synpunkter/lamna/")
        self.assertRedirects(response, self.url(), status_code=301)
