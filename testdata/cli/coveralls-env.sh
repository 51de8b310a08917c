# The job fields: from nothing but the variables set here (env -i), in
# their order (options, COVERALLS_*, the CI's, the generic CI_*); empty
# variables are unset; pull requests from refs and URLs; SOURCE_DATE_EPOCH
# as run_at; a bad one is no run_at.
printf 'SF:a.c\nDA:1,1\nend_of_record\n' >in.info
job() { # env -i with VAR=VALUE... covconv ...: the job fields only
    env -i PATH="$PATH" "$@" | sed '/"source_files"/,$d'
}
echo "-- GitHub Actions, a pull request, a token, SOURCE_DATE_EPOCH"
job GITHUB_ACTIONS=true GITHUB_RUN_ID=9001 GITHUB_JOB=unit \
    GITHUB_REF=refs/pull/42/merge GITHUB_HEAD_REF=fix-x GITHUB_REF_NAME=42/merge \
    GITHUB_SHA=0123abc COVERALLS_REPO_TOKEN=sekret SOURCE_DATE_EPOCH=1700000000 \
    covconv -q --to coveralls in.info
echo "-- GitHub Actions on a branch: no pull request; options win"
job GITHUB_ACTIONS=true GITHUB_RUN_ID=9002 GITHUB_REF=refs/heads/release-2 \
    GITHUB_REF_NAME=release-2 GITHUB_HEAD_REF= COVERALLS_FLAG_NAME=env \
    COVERALLS_PARALLEL=true covconv -q --to coveralls in.info \
    --coveralls-flag unit --coveralls-service mine
echo "-- GitLab, COVERALLS_* over the CI's, COVERALLS_RUN_AT"
job GITLAB_CI=true CI_PIPELINE_IID=7 CI_JOB_NAME=test CI_JOB_ID=555 \
    CI_MERGE_REQUEST_IID=12 CI_COMMIT_REF_NAME=main CI_COMMIT_SHA=feed \
    COVERALLS_SERVICE_NUMBER=8 COVERALLS_GIT_BRANCH=other \
    COVERALLS_RUN_AT='2024-01-02 03:04:05 +0000' COVERALLS_PARALLEL=false \
    covconv -q --to coveralls in.info
echo "-- Travis, not a pull request"
job TRAVIS=true TRAVIS_BUILD_NUMBER=3 TRAVIS_JOB_NUMBER=3.1 \
    TRAVIS_PULL_REQUEST=false TRAVIS_BRANCH=dev covconv -q --to coveralls in.info
echo "-- a CI Coveralls does not know: the generic variables"
job CI_NAME=my-ci CI_BUILD_NUMBER=5 CI_JOB_ID=6 \
    CI_PULL_REQUEST=https://example.com/o/r/pull/77 CI_BRANCH=b \
    CI_COMMIT_ID=beef CI_AUTHOR_NAME='A "q" Author' CI_COMMIT_MESSAGE='fix:
two lines' SOURCE_DATE_EPOCH=12x covconv -q --to coveralls in.info
