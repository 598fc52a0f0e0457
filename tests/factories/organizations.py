import factory

from motcua.organizations.models import Agency, AgencyKind, Applicant, ApplicantKind, Role, StaffRole, User


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"UBND xã Thử Nghiệm {n}")
    kind = AgencyKind.COMMUNE_COMMITTEE
    identifier = factory.Sequence(lambda n: f"{n // 100 % 1000:03d}.{n % 100:02d}.90.H99")
    identifier_is_invented = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn A"
    last_name = factory.Sequence(lambda n: f"Nguyễn {n}")
    password = factory.django.Password("matkhau-thu-nghiem")


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory, is_staff=True)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.DESK_OFFICER


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    kind = ApplicantKind.CITIZEN
    full_name = factory.Sequence(lambda n: f"Trần Thị Bình {n}")
    id_number = factory.Sequence(lambda n: f"031{n:09d}")
    phone = "0912345678"
